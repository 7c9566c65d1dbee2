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
 * Our re-INVITE in a confirmed dialog (§14.1): target refresh with a new offer, ACK for its 2xx, a digest retry, and
 * the glare back-off on 491: the owner of the Call-ID (the UA that sent the initial INVITE) waits 2.1-4 s, the other
 * side 0-2 s, both in 10 ms units, then tries again.
 */
final class ReinviteClient implements ClientTransactionListener {

    private final CallBase call;
    private final Body offer;
    private final CompletableFuture<SipResponse> result;
    private SipRequest request;
    private boolean inProgress;
    /** True while our INVITE transaction is outstanding (not during the 491 back-off): glare per §14.2. */
    private boolean transactionPending;
    private boolean challenged;
    private boolean raised;
    private Cancellable retry = Cancellable.NONE;

    ReinviteClient(CallBase call, Body offer, CompletableFuture<SipResponse> result) {
        this.call = call;
        this.offer = offer;
        this.result = result;
    }

    boolean inProgress() {
        return inProgress;
    }

    boolean transactionPending() {
        return transactionPending;
    }

    void start() {
        Dialog d = call.dialog;
        request = call.newTargetRefresh(d, "INVITE", offer != null ? offer : call.localBody);
        inProgress = true;
        transactionPending = true;
        call.core.send(request, null, this);
    }

    void abandon() {
        retry.cancel();
        inProgress = false;
        if (!result.isDone()) {
            result.completeExceptionally(new IllegalStateException("call ended"));
        }
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (!response.isFinal() || !inProgress && !response.isSuccess()) {
            return;
        }
        Dialog d = call.dialog;
        int st = response.status();
        transactionPending = false;
        if (response.isSuccess()) {
            if (call.lastAck != null && call.lastAck.cseq().number() == response.cseq().number()) {
                call.core.sendAck(call.lastAck); // a retransmitted 2xx
                return;
            }
            d.refreshTarget(response);
            call.sessionTimer.onSuccess(request, response); // RFC 4028 §7.2
            if (response.bodyLength() > 0 && response.contentType() != null) {
                call.remoteBody = new Body(response.contentType(), response.body());
            }
            call.lastAck = call.ackFor(d, response);
            finish(response);
            return;
        }
        if ((st == 401 || st == 407) && !challenged) {
            SipRequest again = call.answerChallenge(d, request, response, this);
            if (again != null) {
                challenged = true;
                transactionPending = true;
                request = again;
                return;
            }
        }
        if (st == 422 && !raised && call.sessionTimer.on422(request, response)) {
            raised = true; // RFC 4028 §7.3: again with the larger Session-Expires and Min-SE
            transactionPending = true;
            start();
            return;
        }
        if (st == 491) {
            // §14.1: glare. Back off and retry with a new request (new CSeq, new branch).
            retry = call.owner.schedule(Glare.backoffMillis(call.isOutgoing()), this::retryAfterGlare);
            return;
        }
        finish(response);
        if (st == 481 || st == 408) {
            // §14.1, §12.2.1.2: the dialog is gone (481) or unreachable (408).
            if (st == 408) {
                call.sendBye("re-INVITE timed out");
            } else {
                call.terminate(response, st, "dialog gone");
            }
        }
    }

    private void retryAfterGlare() {
        if (!inProgress || call.dialog == null) {
            return;
        }
        if (call.awaitingAck != null) {
            // The peer's re-INVITE won meanwhile and its 2xx still waits for the ACK: try again shortly.
            retry = call.owner.schedule(call.core.stack().timers().t1(), this::retryAfterGlare);
            return;
        }
        start();
    }

    private void finish(SipResponse response) {
        inProgress = false;
        call.fire(new CallEvent(call, CallEvent.Type.REINVITE_COMPLETED, call.state(), response, response.status(),
                response.reason()));
        result.complete(response);
    }
}
