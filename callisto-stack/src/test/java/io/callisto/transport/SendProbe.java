package io.callisto.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A send listener a test can wait on (bounded). */
final class SendProbe implements SendListener {

    final CompletableFuture<Flow> result = new CompletableFuture<>();

    @Override
    public void onSent(Flow flow) {
        result.complete(flow);
    }

    @Override
    public void onFailure(Throwable cause) {
        result.completeExceptionally(cause);
    }

    /** The flow the message left on; throws the failure's cause when the send failed. */
    Flow flow() throws Exception {
        try {
            return result.get(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    /** The failure, or null when the send succeeded. */
    Throwable failure() throws Exception {
        try {
            result.get(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
