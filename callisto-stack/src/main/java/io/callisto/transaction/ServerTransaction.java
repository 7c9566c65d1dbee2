package io.callisto.transaction;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;

/** A server transaction (§17.2). Owned by the Call-ID's owner thread. */
public interface ServerTransaction {

    /**
     * The request that created the transaction (top Via stamped with received/rport). Once the final response is
     * sent and the transaction only waits to absorb retransmissions (non-INVITE Completed, INVITE Accepted or
     * Confirmed) it lets go of the request to save memory, and this returns null: a TU that needs the request
     * later keeps its own reference from {@code onRequest}.
     */
    SipRequest request();

    /** The flow the request arrived on; responses go back over it when possible (§18.2.2). */
    Flow flow();

    /** Proceeding, Completed, Confirmed, Accepted (INVITE, RFC 6026) or Terminated; Trying for non-INVITE. */
    TransactionState state();

    /** True for an INVITE server transaction. */
    boolean isInvite();

    /**
     * Sends a response through the transaction. Provisionals keep it in Proceeding; a 2xx for INVITE moves it to
     * Accepted (RFC 6026 §8.5), where the TU's 2xx retransmissions also go through this method; any other final
     * response moves it to Completed. Ignored (returns false) once the state no longer accepts that response.
     */
    boolean respond(SipResponse response);

    /** For a CANCEL transaction: the INVITE server transaction it cancels (§9.2), or null. */
    ServerTransaction cancelTarget();

    /** True once a final response has been sent. */
    boolean hasFinalResponse();
}
