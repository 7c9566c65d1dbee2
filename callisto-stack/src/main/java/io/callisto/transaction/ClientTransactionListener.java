package io.callisto.transaction;

import io.callisto.sip.message.SipResponse;

/**
 * The TU's view of one client transaction. Called on the owner thread.
 */
public interface ClientTransactionListener {

    /**
     * A response for the TU: each provisional, the final response, and (RFC 6026 Accepted state) every further 2xx
     * of an INVITE. Timeouts (Timer B or F) arrive as a locally made 408 and transport failures as a locally made 503
     * (§8.1.3.1, §8.1.3.3); {@link TransactionLayer#isLocal(SipResponse)} tells them apart.
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** The transaction reached Terminated and was removed from the table. */
    default void onTerminated(ClientTransaction transaction) {
    }
}
