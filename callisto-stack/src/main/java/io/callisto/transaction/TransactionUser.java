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
}
