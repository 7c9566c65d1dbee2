package io.callisto.ua.internal;

import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.CallEvent;
import io.callisto.ua.dialog.Dialog;

/** The UAS side of UPDATE (RFC 3311 §5.2) for a call's INVITE usage. Runs on the call's owner thread. */
final class UpdateServer {

    private UpdateServer() {
    }

    /**
     * An UPDATE in the early or confirmed dialog {@code d}: a target refresh, answered at once. One with an offer
     * gets 491 while an offer of ours (UPDATE, re-INVITE) waits for its answer, and 500 with Retry-After while an
     * offer we received is unanswered; otherwise the call's {@link io.callisto.ua.OfferAnswerer} answers it in the
     * 200 (488 when it refuses).
     */
    static void onUpdate(CallBase call, Dialog d, ServerTransaction tx) {
        SipRequest req = tx.request();
        boolean offer = req.bodyLength() > 0 && req.contentType() != null;
        if (offer && (call.updateClient != null && call.updateClient.offerPending()
                || call.reinviteClient != null && call.reinviteClient.transactionPending())) {
            call.core.reply(tx, 491, null);
            return;
        }
        if (offer && call.receivedOfferUnanswered()) {
            call.replyRetryLater(tx);
            return;
        }
        boolean confirmed = call.state() == io.callisto.ua.CallState.CONFIRMED;
        if (confirmed && !call.sessionTimer.accept(tx)) {
            return; // RFC 4028 §9: 422
        }
        CallBase.Answer answer = offer ? call.answerFor(CallBase.bodyOf(req)) : null;
        if (answer != null && !answer.accepted()) {
            call.core.reply(tx, 488, null); // §5.2: the offer cannot be accepted; the session stays as it was
            return;
        }
        d.refreshTarget(req);
        SipResponse ok = call.core.response(req, 200, null, null);
        ok.set(Headers.CONTACT, call.core.contact(tx.flow() != null ? tx.flow().transport()
                : io.callisto.transport.Transport.UDP, d.isSecure()));
        if (answer != null && answer.body() != null) {
            ok.setBody(answer.body().type(), answer.body().bytes());
        }
        if (confirmed) {
            call.sessionTimer.onAnswer(req, ok); // RFC 4028 §9: an UPDATE is a session refresh request too
        }
        tx.respond(ok);
        call.fire(new CallEvent(call, CallEvent.Type.REFRESHED, call.state(), req, 200, "UPDATE"));
    }
}
