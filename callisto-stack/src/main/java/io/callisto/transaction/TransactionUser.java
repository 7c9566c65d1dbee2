package io.callisto.transaction;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;

/**
 * What sits above the transaction layer (a UA core, a proxy core). All calls arrive on the owner thread of the
 * message's Call-ID.
 */
public interface TransactionUser {

    /**
     * A new request created a server transaction. For CANCEL, {@link ServerTransaction#cancelTarget()} is the
     * INVITE server transaction it matches (§9.2), or null; the TU answers the CANCEL itself.
     */
    void onRequest(ServerTransaction transaction);

    /**
     * An ACK that is not absorbed by a transaction: the ACK for a 2xx (§13.3.1.4, §17.2.3 with RFC 6026 §8.6,
     * whether or not the INVITE server transaction is still in Accepted), or an ACK that matches nothing.
     */
    void onAck(SipRequest ack, Flow flow);

    /**
     * A response that matches no client transaction (§17.1.3), e.g. a 2xx retransmission or a forked 2xx arriving
     * after the INVITE client transaction ended. A UA core ACKs it if it belongs to a dialog; a proxy forwards it
     * statelessly (§16.7 step 5 note, RFC 6026).
     */
    void onStrayResponse(SipResponse response, Flow flow);

    /**
     * A server transaction failed (§17.2.4 with RFC 6026 §8.8, §17.2.1): a response it handed to the transport
     * could not be sent ({@code cause} is the transport's exception; the transaction stays in its state and its
     * timers end it), or an INVITE transaction's Timer H fired without an ACK for its non-2xx final response
     * ({@code cause} is a {@link java.util.concurrent.TimeoutException}; the transaction is terminated).
     * Informational: the default does nothing.
     */
    default void onServerTransactionFailure(ServerTransaction transaction, Throwable cause) {
    }
}
