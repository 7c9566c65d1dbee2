package io.callisto.transaction;

import io.callisto.exec.Owners;
import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.internal.ClientTransactionBase;
import io.callisto.transaction.internal.InviteClientTransaction;
import io.callisto.transaction.internal.InviteServerTransaction;
import io.callisto.transaction.internal.Keys;
import io.callisto.transaction.internal.LocalResponses;
import io.callisto.transaction.internal.NonInviteClientTransaction;
import io.callisto.transaction.internal.NonInviteServerTransaction;
import io.callisto.transaction.internal.ServerTransactionBase;
import io.callisto.transaction.internal.TransactionTable;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.TransportLayer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RFC 3261 §17 transaction layer, with the RFC 6026 corrections: it matches inbound messages to transactions,
 * runs the four state machines and their timers, and hands the TU what it should see.
 *
 * <p>Threading: every method except {@link #isLocal} and {@link #activeTransactions} runs on the owner thread of
 * the message's Call-ID ({@link Owners#ownerOf}). Each owner has its own transaction table, touched by that
 * owner only, so nothing here takes a lock. Timers run on the same owner through its scheduler.
 *
 * <p>Inbound ({@link #onMessage}):
 * <ul>
 *   <li>a response goes to the client transaction with its top Via branch and CSeq method (§17.1.3), or to
 *       {@link TransactionUser#onStrayResponse} when there is none;</li>
 *   <li>a request that matches a server transaction (§17.2.3, with the RFC 2543 rules for branches without the
 *       magic cookie) is a retransmission and is absorbed (the transaction resends its last response);</li>
 *   <li>an ACK that matches an INVITE server transaction in Completed or Confirmed is absorbed; any other ACK
 *       (for a 2xx, in Accepted or matching nothing) goes to {@link TransactionUser#onAck};</li>
 *   <li>any other request creates a server transaction and goes to {@link TransactionUser#onRequest}; for a CANCEL
 *       the transaction's {@link ServerTransaction#cancelTarget()} is the INVITE transaction it matches (§9.2).</li>
 * </ul>
 * Messages whose Via, CSeq or Call-ID are missing or malformed are dropped (the transport validates requests, so
 * this is a safety net).
 */
public final class TransactionLayer {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);

    private final TransportLayer transport;
    private final Owners owners;
    private final TransactionUser user;
    private final TransactionTable[] tables;

    /**
     * A layer over {@code transport}, with one transaction table per owner of {@code owners}, timers derived from
     * {@code timers}, and {@code user} above it. The caller wires the transport's inbound messages to
     * {@link #onMessage} on the right owner.
     */
    public TransactionLayer(TransportLayer transport, Owners owners, TimerConfig timers, TransactionUser user) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.user = Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timers, "timers");
        this.tables = new TransactionTable[owners.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new TransactionTable(owners.get(i), transport, timers, user,
                    TransactionTable.defaultCompletedChunks(tables.length));
        }
    }

    private TransactionTable table(String callId) {
        return tables[Owners.indexOf(callId, tables.length)];
    }

    // ------------------------------------------------------------------------------------------------ inbound

    /** An inbound message from the transport; call on the owner thread of its Call-ID. Never throws for bad input. */
    public void onMessage(SipMessage message, Flow flow) {
        if (message instanceof SipResponse response) {
            onResponse(response, flow);
        } else {
            onRequest((SipRequest) message, flow);
        }
    }

    private void onResponse(SipResponse response, Flow flow) {
        String key;
        String callId;
        try {
            Via via = response.topVia();
            CSeq cseq = response.cseq();
            callId = response.callId();
            if (via == null || cseq == null || callId == null) {
                drop(response, "no Via, CSeq or Call-ID");
                return;
            }
            String branch = via.branch();
            key = branch == null ? null : Keys.client(branch, cseq.method());
        } catch (ParseError e) {
            drop(response, e.reason());
            return;
        }
        ClientTransactionBase tx = key == null ? null : table(callId).client(key);
        if (tx == null) {
            user.onStrayResponse(response, flow); // §17.1.1.2, RFC 6026 §7.2: no match, straight to the core
        } else {
            tx.onResponse(response);
        }
    }

    private void onRequest(SipRequest request, Flow flow) {
        Via via;
        CSeq cseq;
        String callId;
        try {
            via = request.topVia();
            cseq = request.cseq();
            callId = request.callId();
            if (via == null || cseq == null || callId == null) {
                drop(request, "no Via, CSeq or Call-ID");
                return;
            }
            via.branch(); // parse the parameters now, inside the try
        } catch (ParseError e) {
            drop(request, e.reason());
            return;
        }
        TransactionTable table = table(callId);
        String method = request.method();
        if (method.equals("ACK")) {
            InviteServerTransaction invite = table.matchAck(request, via, cseq, callId);
            if (invite == null || !invite.onAck()) {
                user.onAck(request, flow); // ACK for a 2xx (§17.2.3 with RFC 6026 §8.7), or matching nothing
            }
            return;
        }
        String key = via.hasMagicCookie() ? Keys.server(via.branch(), method, via) : null;
        ServerTransactionBase existing = table.matchRequest(key, request, cseq, callId);
        if (existing != null) {
            existing.onRetransmission();
            return;
        }
        boolean invite = method.equals("INVITE");
        if (key != null && !invite && table.resendCompleted(key)) {
            return; // §17.2.2: a retransmission to a completed non-INVITE transaction, answered from the store
        }
        ServerTransactionBase tx;
        if (invite) {
            tx = new InviteServerTransaction(table, request, flow, via, cseq, callId, key);
        } else {
            ServerTransaction target = method.equals("CANCEL")
                    ? table.matchCancelTarget(request, via, cseq, callId) : null;
            tx = new NonInviteServerTransaction(table, request, flow, via, cseq, callId, target, key);
        }
        table.add(tx);
        tx.start();
        user.onRequest(tx);
        tx.afterUser();
    }

    private static void drop(SipMessage message, String why) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("dropped {}: {}", message.startLine(), why);
        }
    }

    // ------------------------------------------------------------------------------------------------ outbound

    /**
     * Starts a client transaction (§17.1) for {@code request}; call on the owner thread of its Call-ID. The request
     * carries its top Via with a magic-cookie branch ({@link Branch#next()}); the transport picks the transport
     * and stamps the Via ({@link TransportLayer#prepare}), then the INVITE or non-INVITE machine sends it.
     * {@code listener} gets every response the TU should see. A transport failure is reported asynchronously
     * (a local 503 through the owner's queue), never from inside this call.
     *
     * @throws IllegalArgumentException for an ACK (it is never a client transaction: the 2xx ACK goes through
     *     {@link #sendStateless}, the non-2xx ACK is made by the INVITE transaction) or a request without a
     *     magic-cookie branch
     * @throws IllegalStateException when a transaction with the same branch and method is still alive
     */
    public ClientTransaction sendRequest(SipRequest request, Destination destination, ClientTransactionListener l) {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(l, "listener");
        if (request.isMethod("ACK")) {
            throw new IllegalArgumentException("ACK has no client transaction (§17.1)");
        }
        Via via = request.topVia();
        if (via == null || !via.hasMagicCookie()) {
            throw new IllegalArgumentException("the request needs a top Via with a z9hG4bK branch (Branch.next())");
        }
        String branch = via.branch();
        TransactionTable table = table(request.callId());
        if (table.client(Keys.client(branch, request.method())) != null) {
            throw new IllegalStateException("a client transaction with branch " + branch + " and method "
                    + request.method() + " is alive");
        }
        Destination prepared = transport.prepare(request, destination);
        ClientTransactionBase tx = request.isMethod("INVITE")
                ? new InviteClientTransaction(table, request, prepared, branch, l)
                : new NonInviteClientTransaction(table, request, prepared, branch, l);
        table.add(tx);
        tx.start();
        return tx;
    }

    /** Sends a request without a transaction (the ACK for a 2xx, §13.2.2.4; stateless forwarding, §16.11). */
    public void sendStateless(SipRequest request, Destination destination) {
        transport.send(request, transport.prepare(request, destination), null);
    }

    /** Sends a response without a transaction, by its top Via (§18.2.2); used for stateless proxying. */
    public void sendResponseStateless(SipResponse response) {
        transport.sendResponse(response, null, null);
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** True for a 408 or 503 that a client transaction made itself (timeout, transport failure, §8.1.3.1). */
    public static boolean isLocal(SipResponse response) {
        return LocalResponses.isLocal(response);
    }

    /**
     * Transactions held as objects across all owners: {@link #activeTransactions()} without the completed
     * non-INVITE ones over UDP that only wait out Timer J in compact form (at 25,000 REGISTER/s, 800,000 of them).
     * This is what overload control should count; the compact store bounds its own memory (a quarter of the heap),
     * and beyond that its transactions are held as objects and counted here. Any thread (a snapshot).
     */
    public int transactionObjects() {
        int n = 0;
        for (TransactionTable t : tables) {
            n += t.objectCount();
        }
        return n;
    }

    /** Live client and server transactions across all owners; may be read from any thread (a snapshot). */
    public int activeTransactions() {
        int n = 0;
        for (TransactionTable t : tables) {
            n += t.size();
        }
        return n;
    }
}
