package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.ua.Body;
import io.callisto.ua.CallEvent;
import io.callisto.ua.dialog.Dialog;
import java.util.concurrent.CompletableFuture;

/**
 * Our UPDATE in an early or confirmed dialog (RFC 3311 §5.1): a target refresh (our Contact), with an offer or
 * without a body (a session refresh), answered promptly. A 2xx refreshes the remote target from its Contact and
 * brings the answer; a digest challenge is answered once; a 491 is retried once after the glare back-off (§5.3);
 * 481 and 408 end the call (RFC 3261 §12.2.1.2). Runs on the call's owner thread.
 */
final class UpdateClient implements ClientTransactionListener {

    private final CallBase call;
    private final Dialog dialog;
    private final Body offer;
    private final CompletableFuture<SipResponse> result;
    private SipRequest request;
    private boolean pending;
    private boolean challenged;
    private boolean retried;
    private boolean raised;
    private Cancellable retry = Cancellable.NONE;

    UpdateClient(CallBase call, Dialog dialog, Body offer, CompletableFuture<SipResponse> result) {
        this.call = call;
        this.dialog = dialog;
        this.offer = offer;
        this.result = result;
    }

    /** True from the send until the final response (and during the 491 back-off). */
    boolean pending() {
        return pending;
    }

    /** True while our offer in this UPDATE waits for its answer (§5.2: a crossing UPDATE offer gets 491). */
    boolean offerPending() {
        return pending && offer != null;
    }

    void start() {
        Dialog d = dialog;
        request = call.newTargetRefresh(d, "UPDATE", offer);
        pending = true;
        call.core.send(request, null, this);
    }

    void abandon() {
        retry.cancel();
        pending = false;
        if (!result.isDone()) {
            result.completeExceptionally(new IllegalStateException("call ended"));
        }
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (!response.isFinal() || !pending) {
            return;
        }
        Dialog d = dialog;
        int st = response.status();
        if (response.isSuccess()) {
            d.refreshTarget(response);
            if (d == call.dialog) {
                call.sessionTimer.onSuccess(request, response); // RFC 4028 §7.2
            }
            if (offer != null) {
                call.localBody = offer;
                if (response.bodyLength() > 0 && response.contentType() != null) {
                    call.remoteBody = new Body(response.contentType(), response.body());
                }
            }
            finish(response);
            return;
        }
        if ((st == 401 || st == 407) && !challenged) {
            SipRequest again = call.answerChallenge(d, request, response, this);
            if (again != null) {
                challenged = true;
                request = again;
                return;
            }
        }
        if (st == 422 && !raised && call.sessionTimer.on422(request, response)) {
            raised = true; // RFC 4028 §7.3: again with the larger Session-Expires and Min-SE
            start();
            return;
        }
        if (st == 491 && !retried) {
            retried = true; // §5.3: once more after the back-off, if the modification is still wanted
            retry = call.owner.schedule(Glare.backoffMillis(call.isOutgoing()), this::retryAfterGlare);
            return;
        }
        finish(response); // §5.3: any other failure leaves the session as it was
        if (st == 481) {
            call.terminate(response, st, "dialog gone");
        } else if (st == 408) {
            call.sendBye("UPDATE timed out");
        }
    }

    private void retryAfterGlare() {
        if (pending && call.state() != io.callisto.ua.CallState.TERMINATED) {
            start();
        }
    }

    private void finish(SipResponse response) {
        pending = false;
        call.fire(new CallEvent(call, CallEvent.Type.UPDATE_COMPLETED, call.state(), response, response.status(),
                response.reason()));
        result.complete(response);
    }
}
