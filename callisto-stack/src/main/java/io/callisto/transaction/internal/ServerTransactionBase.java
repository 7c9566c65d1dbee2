package io.callisto.transaction.internal;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TransactionState;
import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;

/**
 * What the two server machines share (§17.2): the request and its flow, the last response sent (retransmitted on
 * request retransmissions) and the table key.
 *
 * <p>Runs on its owner's thread. The transaction is its own {@link SendListener}; a send failure is queued to the
 * owner, reported to the TU, and leaves the state as it is (RFC 6026 §7.1 and §8.8: a transport error must not
 * destroy server transaction state, or a retransmitted request would be taken for a new one; the timers end it).
 */
public abstract class ServerTransactionBase extends TransactionMachine implements ServerTransaction, SendListener {

    /** Null once the transaction only absorbs retransmissions ({@link #shed}). */
    SipRequest request;
    final Flow flow;
    final boolean reliable;
    private final String key;
    private final boolean legacy;
    /** The last provisional response sent, or an RFC 2543 transaction's final response; null otherwise. */
    SipResponse lastResponse;
    /** The final response as sent (not for RFC 2543 transactions, which keep {@link #lastResponse}), for resends. */
    private byte[] finalBytes;
    private boolean finalSent;
    /** When this transaction's Timer J fires, if it waits for it in the table's {@link CompletedStore}; else 0. */
    private long storedUntil;

    ServerTransactionBase(TransactionTable table, SipRequest request, Flow flow, Via via, CSeq cseq, String callId,
            String method, String key, TransactionState initial) {
        super(table, initial);
        this.request = request;
        this.flow = flow;
        this.reliable = reliable(flow, via);
        this.legacy = !via.hasMagicCookie();
        // the layer made the §17.2.3 key to look the request up: reused, not built a second time
        this.key = legacy ? Keys.legacy(callId, cseq.number()) : key != null ? key : Keys.server(via.branch(), method,
                via);
    }

    private static boolean reliable(Flow flow, Via via) {
        if (flow != null) {
            return flow.transport().reliable();
        }
        Transport t = Transport.fromToken(via.transport());
        return t != null && t.reliable();
    }

    /** Starts the machine in its initial state (before the TU sees the request). */
    public abstract void start();

    /** Called once the TU's {@code onRequest} has returned (it may have responded already). */
    public void afterUser() {
    }

    /** A retransmission of the request matched this transaction (§17.2.3). */
    public abstract void onRetransmission();

    /** The table key: branch, method and sent-by, or the Call-ID/CSeq bucket for RFC 2543 requests. */
    String key() {
        return key;
    }

    /** True when the request had no magic cookie and RFC 2543 matching applies. */
    boolean legacy() {
        return legacy;
    }

    /**
     * The last response handed to the transport, or null. A final response is kept as its bytes only: each call then
     * parses them into a new message.
     */
    public SipResponse lastResponse() {
        return lastResponse != null ? lastResponse : parse(finalBytes);
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    @Override
    public TransactionState state() {
        if (storedUntil != 0 && state == TransactionState.COMPLETED && table.owner().nowMillis() >= storedUntil) {
            return TransactionState.TERMINATED; // its Timer J has fired in the store
        }
        return state;
    }

    /**
     * Completed (non-INVITE, UDP): hands the final response to the table's {@link CompletedStore} for Timer J and
     * lets go of everything; true when the store took it.
     */
    boolean storeCompleted(long millis) {
        if (finalBytes == null || !table.storeCompleted(this, finalBytes, millis)) {
            return false;
        }
        storedUntil = Math.max(1, table.owner().nowMillis() + millis);
        request = null;
        lastResponse = null;
        finalBytes = null;
        return true;
    }

    @Override
    public ServerTransaction cancelTarget() {
        return null;
    }

    @Override
    public boolean hasFinalResponse() {
        return finalSent;
    }

    /**
     * A response could not be sent: reported to the TU on the owner thread; the state stays (RFC 6026 §8.8).
     */
    @Override
    public void onFailure(Throwable cause) {
        // TODO(RFC 3263 §5): §17.2.4 first retries the response towards the backup addresses of the Via sent-by
        // (the next SRV/A records) and only reports failure when all of them fail.
        table.owner().execute(() -> table.user().onServerTransactionFailure(this, cause));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Hands a response to the transport (§18.2.2: over the request's flow when possible). */
    void send(SipResponse response) {
        table.transport().sendResponse(response, flow, this);
        if (response == lastResponse && response.isFinal()) {
            // The transport read what it needed (Via) synchronously; do not keep those values for 32 s.
            response.releaseParsedValues();
        }
    }

    /**
     * Remembers and sends a response from the TU. A final response is kept as the bytes that went on the wire, and
     * parsed again only if a retransmitted request asks for it: the transaction may hold it for 32 s (Timer J, L,
     * H), and at thousands of requests per second those held responses are most of the heap. The request's parsed
     * values are released for the same reason (they are parsed again if read). An RFC 2543 transaction keeps a
     * compact parse of its final response instead: its ACK is matched against the response's To tag.
     */
    void sendNew(SipResponse response) {
        if (!response.isFinal()) {
            lastResponse = response;
            send(response);
            return;
        }
        finalSent = true;
        if (request != null) {
            request.releaseParsedValues();
        }
        if (legacy) {
            lastResponse = compact(response);
            send(lastResponse);
            return;
        }
        byte[] bytes = response.toBytes();
        lastResponse = null;
        finalBytes = bytes;
        table.transport().sendResponse(response, bytes, flow, this);
    }

    /**
     * Sends a 2xx to an INVITE without keeping it (RFC 6026 Accepted: retransmitted INVITEs are absorbed, not
     * answered; the TU retransmits the 2xx itself), and lets go of the request: see {@link #shed}. RFC 2543
     * transactions keep both, as their ACKs are matched against them.
     */
    void sendUnkept(SipResponse response) {
        finalSent = true;
        if (legacy) {
            sendNew(response);
        } else {
            send(response);
            shed(false);
        }
    }

    /**
     * The transaction now only waits to absorb retransmissions (non-INVITE Completed, INVITE Accepted or
     * Confirmed) for up to 32 s: it keeps its key, its flow and, when {@code keepResponse}, the final response to
     * send again, and drops the request (and the response otherwise). At thousands of calls per second these
     * waiting transactions are most of the heap, and every young collection copies them; what they hold is what
     * the collector's pauses cost. RFC 2543 transactions keep everything (they are matched field by field).
     */
    void shed(boolean keepResponse) {
        if (legacy) {
            return;
        }
        request = null;
        if (!keepResponse) {
            lastResponse = null;
            finalBytes = null;
        }
    }

    private static SipResponse compact(SipResponse response) {
        try {
            return (SipResponse) SipParser.DEFAULT.parseDatagram(response.toBytes());
        } catch (ParseError tooLargeOrOdd) {
            return response; // e.g. over the default size limit: keep the TU's object
        }
    }

    private static SipResponse parse(byte[] bytes) {
        try {
            return bytes == null ? null : (SipResponse) SipParser.DEFAULT.parseDatagram(bytes);
        } catch (RuntimeException e) {
            return null; // not reached: these bytes were written from a message and fit when they were sent
        }
    }

    /** Resends the last response, if there is one. */
    void resend() {
        if (lastResponse != null) {
            send(lastResponse);
        } else if (finalBytes != null) {
            SipResponse r = parse(finalBytes); // to route it (§18.2.2) as the first copy was
            if (r != null) {
                table.transport().sendResponse(r, finalBytes, flow, this);
            }
        }
    }

    /** Enters a waiting state that lasts {@code millis} (Timer I, J or L; zero ends it at once). */
    void linger(long millis) {
        if (millis <= 0) {
            terminated();
        } else {
            lingerFor(millis);
        }
    }

    /** Moves to Terminated and leaves the table (§17.2: destroyed the instant it terminates). */
    void terminated() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        cancelTimers();
        table.remove(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + key + " " + state + "]";
    }
}
