package io.callisto.transaction.internal;

import io.callisto.exec.Owner;
import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.TransportLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.function.Predicate;

/**
 * The transactions of one {@link Owner}: every Call-ID that hashes to this owner has its transactions here, and
 * only the owner's thread touches the maps, so they are plain {@link HashMap}s (DESIGN principle 3).
 *
 * <p>Client transactions are keyed by branch and method (§17.1.3). Server transactions created by requests with
 * the magic cookie are keyed by branch, method and sent-by (§17.2.3); those created by RFC 2543 requests sit in
 * buckets per Call-ID and CSeq number and are matched field by field ({@link LegacyMatching}). A transaction
 * removes itself when it reaches Terminated.
 *
 * <p>The table also carries what its transactions need from the layer (owner, transport, timers, TU), so a
 * transaction holds one reference for all of it.
 */
public final class TransactionTable {

    private final Owner owner;
    private final TransportLayer transport;
    private final TimerConfig timers;
    private final TransactionUser user;
    private final HashMap<String, ClientTransactionBase> clients = new HashMap<>();
    private final HashMap<String, ServerTransactionBase> servers = new HashMap<>();
    private final HashMap<String, ArrayList<ServerTransactionBase>> legacy = new HashMap<>();
    private final LingerQueues lingering;
    private final CompletedStore completed;
    /** Written by the owner thread only; volatile so that {@link #size()} can be read from anywhere. */
    private volatile int size;

    /**
     * A table for transactions run on {@code owner}, whose compact store of completed transactions holds at most
     * {@code completedChunks} chunks of {@link CompletedStore#CHUNK} bytes.
     */
    public TransactionTable(Owner owner, TransportLayer transport, TimerConfig timers, TransactionUser user,
            int completedChunks) {
        this.owner = owner;
        this.transport = transport;
        this.timers = timers;
        this.user = user;
        this.lingering = new LingerQueues(owner);
        this.completed = new CompletedStore(owner, transport, completedChunks);
    }

    /** {@link CompletedStore#defaultMaxChunks} for a layer of {@code tables} tables. */
    public static int defaultCompletedChunks(int tables) {
        return CompletedStore.defaultMaxChunks(tables);
    }

    LingerQueues lingering() {
        return lingering;
    }

    Owner owner() {
        return owner;
    }

    TransportLayer transport() {
        return transport;
    }

    TimerConfig timers() {
        return timers;
    }

    TransactionUser user() {
        return user;
    }

    /**
     * Live transactions (client and server) in this table, the completed ones kept compactly until Timer J
     * included; safe to read from any thread.
     */
    public int size() {
        return size + completed.count();
    }

    /**
     * Transactions held as objects: {@link #size()} without the completed ones kept compactly, whose memory their
     * store bounds itself. Safe to read from any thread.
     */
    public int objectCount() {
        return size;
    }

    /**
     * A non-INVITE server transaction over UDP has completed: from now on it only answers retransmissions until
     * Timer J, so it leaves the map for the {@link CompletedStore}. False when it does not fit the store (it then
     * lingers as an object).
     */
    boolean storeCompleted(ServerTransactionBase tx, byte[] response, long millis) {
        if (tx.legacy() || !completed.put(tx.key(), response, tx.flow, millis)) {
            return false;
        }
        remove(tx);
        return true;
    }

    /**
     * A request with this {@link Keys#server} key matched no live transaction: when it is a retransmission of a
     * completed one held in the {@link CompletedStore}, its final response has been sent again and true returned.
     */
    public boolean resendCompleted(String key) {
        return completed.resend(key);
    }

    // ------------------------------------------------------------------------------------------------ clients

    /** The client transaction with this {@link Keys#client} key, or null. */
    public ClientTransactionBase client(String key) {
        return clients.get(key);
    }

    /** Adds a client transaction; false (and nothing added) when its key is taken by a live one. */
    public boolean add(ClientTransactionBase tx) {
        if (clients.putIfAbsent(tx.key(), tx) != null) {
            return false;
        }
        size++;
        return true;
    }

    void remove(ClientTransactionBase tx) {
        if (clients.remove(tx.key(), tx)) {
            size--;
        }
    }

    // ------------------------------------------------------------------------------------------------ servers

    /** Adds a server transaction under its key (cookie) or in its Call-ID/CSeq bucket (RFC 2543). */
    public void add(ServerTransactionBase tx) {
        if (tx.legacy()) {
            legacy.computeIfAbsent(tx.key(), k -> new ArrayList<>(2)).add(tx);
        } else if (servers.putIfAbsent(tx.key(), tx) != null) {
            return; // cannot happen: the caller looked the key up first on this same thread
        }
        size++;
    }

    void remove(ServerTransactionBase tx) {
        if (tx.legacy()) {
            ArrayList<ServerTransactionBase> bucket = legacy.get(tx.key());
            if (bucket != null && bucket.remove(tx)) {
                size--;
                if (bucket.isEmpty()) {
                    legacy.remove(tx.key());
                }
            }
        } else if (servers.remove(tx.key(), tx)) {
            size--;
        }
    }

    /** The server transaction a request (not ACK) is a retransmission of (§17.2.3), or null. */
    public ServerTransactionBase matchRequest(SipRequest request, Via via, CSeq cseq, String callId) {
        return matchRequest(via.hasMagicCookie() ? Keys.server(via.branch(), request.method(), via) : null, request,
                cseq, callId);
    }

    /** As above, with the request's {@link Keys#server} key already made (null for an RFC 2543 request). */
    public ServerTransactionBase matchRequest(String key, SipRequest request, CSeq cseq, String callId) {
        if (key != null) {
            return servers.get(key);
        }
        return legacyFind(callId, cseq, tx -> LegacyMatching.sameRequest(tx.request(), request));
    }

    /** The INVITE server transaction an ACK belongs to (§17.2.3: ACK matches the INVITE), or null. */
    public InviteServerTransaction matchAck(SipRequest ack, Via via, CSeq cseq, String callId) {
        if (via.hasMagicCookie()) {
            return asInvite(servers.get(Keys.server(via.branch(), "INVITE", via)));
        }
        return asInvite(legacyFind(callId, cseq, tx -> tx instanceof InviteServerTransaction
                && LegacyMatching.ackMatches(tx.request(), tx.lastResponse(), ack)));
    }

    /**
     * The INVITE server transaction a CANCEL cancels (§9.2: the §17.2.3 rules applied as if the CANCEL had the
     * original method), or null. Only INVITE transactions are searched: CANCEL has no effect on the others.
     */
    public InviteServerTransaction matchCancelTarget(SipRequest cancel, Via via, CSeq cseq, String callId) {
        if (via.hasMagicCookie()) {
            return asInvite(servers.get(Keys.server(via.branch(), "INVITE", via)));
        }
        return asInvite(legacyFind(callId, cseq, tx -> tx instanceof InviteServerTransaction
                && LegacyMatching.cancels(tx.request(), cancel)));
    }

    /** The first RFC 2543 transaction of this Call-ID and CSeq number that {@code rule} accepts, or null. */
    private ServerTransactionBase legacyFind(String callId, CSeq cseq, Predicate<ServerTransactionBase> rule) {
        ArrayList<ServerTransactionBase> bucket = legacy.get(Keys.legacy(callId, cseq.number()));
        if (bucket != null) {
            for (ServerTransactionBase tx : bucket) {
                if (rule.test(tx)) {
                    return tx;
                }
            }
        }
        return null;
    }

    private static InviteServerTransaction asInvite(ServerTransactionBase tx) {
        return tx instanceof InviteServerTransaction inv ? inv : null;
    }
}
