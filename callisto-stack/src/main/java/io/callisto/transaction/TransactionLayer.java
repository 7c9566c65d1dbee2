package io.callisto.transaction;

import io.callisto.exec.Owners;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.TransportLayer;

/**
 * RFC 3261 §17 transaction layer. PLACEHOLDER: the implementation lands with the transaction branch.
 */
public final class TransactionLayer {

    public TransactionLayer(TransportLayer transport, Owners owners, TimerConfig timers, TransactionUser user) {
        throw new UnsupportedOperationException("not yet built");
    }

    public void onMessage(SipMessage message, Flow flow) {
        throw new UnsupportedOperationException();
    }

    public ClientTransaction sendRequest(SipRequest request, Destination destination, ClientTransactionListener l) {
        throw new UnsupportedOperationException();
    }

    public void sendStateless(SipRequest request, Destination destination) {
        throw new UnsupportedOperationException();
    }

    public void sendResponseStateless(SipResponse response) {
        throw new UnsupportedOperationException();
    }

    public static boolean isLocal(SipResponse response) {
        throw new UnsupportedOperationException();
    }
}
