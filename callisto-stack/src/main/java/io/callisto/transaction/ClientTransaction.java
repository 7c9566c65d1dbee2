package io.callisto.transaction;

import io.callisto.sip.message.SipRequest;
import io.callisto.transport.Destination;

/** A client transaction (§17.1): the request it sends and where it stands. Owned by the Call-ID's owner thread. */
public interface ClientTransaction {

    /** The request as sent (with the top Via stamped by the transport). */
    SipRequest request();

    /** The Via branch that identifies this transaction (§17.1.3). */
    String branch();

    /** Where the request goes (after the §18.1.1 transport choice). */
    Destination destination();

    /** The current state: Calling/Trying, Proceeding, Completed, Accepted, Terminated. */
    TransactionState state();

    /** True for an INVITE client transaction. */
    boolean isInvite();

    /**
     * Ends the transaction now without further callbacks (e.g. the TU gave up on a fork). Timers are cancelled.
     */
    void terminate();
}
