package io.callisto.ua.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.RAck;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.ua.Body;
import io.callisto.ua.CallState;
import io.callisto.ua.ReliableProvisionals;
import io.callisto.ua.dialog.Dialog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A call this UA places (UAC, §13.2): the INVITE client transaction, early dialogs per To tag of forked provisional
 * responses, PRACK for reliable ones (RFC 3262 §4), the first 2xx confirming the call and the ACK for it, extra 2xx
 * from other forks ACKed and BYEd (§13.2.2.4), CANCEL (§9.1, sent only after a provisional arrived), digest retries.
 */
final class OutgoingCall extends CallBase implements ClientTransactionListener, UaCore.TransactionAware {

    /** How many challenges one INVITE answers before it gives up. */
    private static final int MAX_CHALLENGES = 2;

    private final Uri target;
    private final NameAddress to;
    private final String fromTag = Ids.tag();
    private final Map<String, Dialog> early = new HashMap<>();
    /** RFC 3262 §4: per early dialog (To tag), the RSeq of the last in-order reliable provisional response. */
    private final Map<String, Long> lastRSeq = new HashMap<>();
    private SipRequest invite;
    private ClientTransaction inviteTx;
    private boolean provisionalSeen;
    private boolean cancelRequested;
    private boolean cancelSent;
    private int challenges;
    private int raises;
    /** Our INVITE had no offer and the callee's offer was answered (in a PRACK or the ACK). */
    private boolean lateOfferAnswered;
    /** Adds headers to the INVITE before it is sent (Replaces and Referred-By of a transfer), or null. */
    java.util.function.Consumer<SipRequest> decorate;

    OutgoingCall(UaCore core, Uri target, NameAddress to, Body offer) {
        super(core, Ids.callId(null));
        this.target = target;
        this.to = to;
        this.localBody = offer;
    }

    @Override
    public boolean isOutgoing() {
        return true;
    }

    @Override
    public Uri remoteUri() {
        return to.uri();
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    /** Builds and sends the INVITE (§13.2.1). Runs on the owner thread. */
    void start() {
        invite = core.newRequest("INVITE", target, to, callId, fromTag, UaCore.initialCSeq());
        invite.set(Headers.CONTACT, core.contact(UaCore.transportFor(TargetResolver.nextHop(invite)),
                "sips".equals(target.scheme())));
        invite.setHeader(HeaderName.ALLOW.canonical(), core.allow());
        switch (core.reliableProvisionals()) {
            case SUPPORTED -> invite.setHeader("Supported", UaCore.REL100); // RFC 3262 §4: SHOULD, in every INVITE
            case REQUIRED -> invite.setHeader("Require", UaCore.REL100);
            default -> { }
        }
        if (localBody != null) {
            invite.setBody(localBody.type(), localBody.bytes());
        }
        sessionTimer.decorate(invite); // RFC 4028 §7.1
        if (decorate != null) {
            decorate.accept(invite);
        }
        core.register(this);
        core.authenticator().preauthorize(invite);
        core.send(invite, null, this);
    }

    @Override
    public boolean mayFailOver() {
        return !cancelRequested;
    }

    @Override
    public void onTransaction(ClientTransaction tx) {
        if (tx.isInvite()) {
            inviteTx = tx;
        }
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (state() == CallState.TERMINATED && !response.isSuccess()) {
            return;
        }
        if (!response.isFinal()) {
            onProvisional(response);
        } else if (response.isSuccess()) {
            on2xx(response);
        } else {
            onFailure(response);
        }
    }

    private void onProvisional(SipResponse r) {
        provisionalSeen = true;
        if (cancelRequested && !cancelSent) {
            sendCancel();
        }
        String tag = r.to().tag();
        if (tag != null && !early.containsKey(tag) && r.status() > 100) {
            Dialog d = Dialog.asUac(invite, r); // §12.1.2: an early dialog per To tag
            early.put(tag, d);
            d.addUsage(this); // the callee may send requests in it (UPDATE, RFC 3311 §5.1)
            core.dialogs().put(d);
        }
        if (tag != null && r.status() > 100 && core.reliableProvisionals() != ReliableProvisionals.OFF
                && UaCore.lists100rel(r, Headers.REQUIRE) && !acceptReliable(tag, r)) {
            return; // RFC 3262 §4: a retransmission, or out of order: not acknowledged, not processed
        }
        if (r.bodyLength() > 0 && r.contentType() != null) {
            remoteBody = new Body(r.contentType(), r.body());
        }
        if (r.status() == 180) {
            setState(CallState.RINGING, r, 180, r.reason());
        } else if (r.status() > 100 && tag != null) {
            setState(CallState.EARLY, r, r.status(), r.reason());
        }
    }

    /**
     * RFC 3262 §4: a reliable provisional response is processed and acknowledged with a PRACK in its early dialog
     * when it is the first of that dialog or its RSeq is one more than the last; any other is discarded. A response
     * without a readable RSeq is not reliable: processed, not acknowledged.
     */
    private boolean acceptReliable(String tag, SipResponse r) {
        Long rseq;
        try {
            rseq = r.first(Headers.RSEQ);
        } catch (ParseError e) {
            rseq = null;
        }
        if (rseq == null) {
            return true;
        }
        Long last = lastRSeq.get(tag);
        if (last != null && rseq != last + 1) {
            return false;
        }
        lastRSeq.put(tag, rseq);
        Dialog d = early.get(tag);
        SipRequest prack = d.newRequest("PRACK", Branch.next());
        prack.set(Headers.RACK, RAck.of(rseq, r.cseq()));
        Body answer = answerLateOffer(r);
        if (answer != null) {
            prack.setBody(answer.type(), answer.bytes()); // RFC 3262 §5: the offer in a reliable 1xx is answered here
        }
        RequestSender.send(core, prack, d::nextLocalSequence);
        return true;
    }

    private void on2xx(SipResponse ok) {
        String tag = ok.to().tag();
        if (dialog != null) {
            if (tag != null && tag.equals(dialog.id().remoteTag())) {
                if (lastAck != null && lastAck.cseq().number() == ok.cseq().number()) {
                    core.sendAck(lastAck); // retransmitted 2xx
                }
            } else {
                onOther2xx(ok);
            }
            return;
        }
        if (state() == CallState.TERMINATED) {
            onOther2xx(ok); // 2xx after we gave up (e.g. after CANCEL timed out): ACK and BYE it
            return;
        }
        Dialog d = early.remove(tag);
        if (d == null) {
            d = Dialog.asUac(invite, ok);
        }
        d.confirm(ok);
        dropEarlyDialogs(); // other early dialogs end with this 2xx; their own 2xx would be ACKed and BYEd
        adoptDialog(d);
        Body answer = answerLateOffer(ok); // §13.2.2.4: an offer in the 2xx is answered in the ACK
        if (answer == null && ok.bodyLength() > 0 && ok.contentType() != null) {
            remoteBody = new Body(ok.contentType(), ok.body());
        }
        lastAck = ackFor(d, ok, answer);
        if (cancelRequested) {
            sendBye("cancelled, but answered"); // §9.1: the 2xx won the race with our CANCEL
            return;
        }
        sessionTimer.onSuccess(invite, ok); // RFC 4028 §7.2
        setState(CallState.CONFIRMED, ok, ok.status(), ok.reason());
        inviteTx = null; // it lingers in its table (Timer M); the confirmed call does not need it
        invite.releaseParsedValues();
    }

    /**
     * For an INVITE sent without an offer (RFC 3264 late offer): the first body of the callee's (in a reliable 1xx or
     * the 2xx) is its offer; returns our answer to it, once, else null.
     */
    private Body answerLateOffer(SipResponse r) {
        Body offer = bodyOf(r);
        if (offer == null || invite.bodyLength() > 0 || lateOfferAnswered) {
            return null;
        }
        lateOfferAnswered = true;
        return answerFor(offer).body();
    }

    private void dropEarlyDialogs() {
        for (Dialog d : early.values()) {
            core.dialogs().remove(d);
            d.removeUsage(this);
        }
        early.clear();
    }

    @Override
    void terminate(io.callisto.sip.message.SipMessage message, int status, String reason) {
        dropEarlyDialogs();
        super.terminate(message, status, reason);
    }

    /** Before the 2xx, an UPDATE goes in the early dialog when there is exactly one (RFC 3311 §5.1). */
    @Override
    Dialog dialogForUpdate() {
        if (dialog != null) {
            return dialog;
        }
        return early.size() == 1 ? early.values().iterator().next() : null;
    }

    @Override
    void onOther2xx(SipResponse ok) {
        if (invite == null || !ok.cseq().method().equals("INVITE") || ok.to().tag() == null) {
            return;
        }
        // §13.2.2.4: a 2xx from another fork creates a dialog we do not want: ACK it, then BYE it.
        Dialog extra = Dialog.asUac(invite, ok);
        ackFor(extra, ok);
        SipRequest bye = extra.newRequest("BYE", Branch.next());
        RequestSender.send(core, bye, extra::nextLocalSequence);
    }

    private void onFailure(SipResponse r) {
        int st = r.status();
        if ((st == 401 || st == 407) && challenges < MAX_CHALLENGES && !cancelRequested) {
            SipRequest retry = RequestSender.retryOf(invite, invite.cseq().number() + 1);
            if (core.authenticator().authorize(retry, r)) {
                challenges++;
                invite = retry;
                provisionalSeen = false;
                core.send(retry, null, this);
                return;
            }
        }
        if (st == 422 && raises < MAX_CHALLENGES && !cancelRequested && sessionTimer.on422(invite, r)) {
            // RFC 4028 §7.3, §7.4: the same INVITE, next CSeq, asking for at least the Min-SE of the 422
            SipRequest retry = RequestSender.retryOf(invite, invite.cseq().number() + 1);
            sessionTimer.raiseFor(retry);
            raises++;
            invite = retry;
            provisionalSeen = false;
            core.send(retry, null, this);
            return;
        }
        terminate(r, st, cancelRequested && st == 487 ? "cancelled" : st + " " + r.reason());
    }

    @Override
    void hangupPending() {
        cancelRequested = true;
        if (provisionalSeen && !cancelSent) {
            sendCancel();
        } else if (!provisionalSeen) {
            // §9.1: no provisional yet: the CANCEL waits for one. If none comes, Timer B ends the INVITE (408).
            setPendingTimer(owner.schedule(core.stack().timers().t1x64(), () -> giveUp("no provisional to cancel")));
        }
    }

    private void sendCancel() {
        if (inviteTx == null) {
            return;
        }
        cancelSent = true;
        SipRequest cancel = Messages.cancelFor(inviteTx.request());
        core.transactions().sendRequest(cancel, inviteTx.destination(), (tx, r) -> { });
        // §9.1: if no final response to the INVITE arrives within 64*T1 of the CANCEL, the call is considered ended.
        setPendingTimer(owner.schedule(core.stack().timers().t1x64(), () -> giveUp("CANCEL unanswered")));
    }

    private void giveUp(String reason) {
        if (inviteTx != null) {
            inviteTx.terminate();
        }
        terminate(null, 487, reason);
    }

    // Incoming-call operations do not apply.

    @Override
    public void ring() {
        throw new IllegalStateException("not an incoming call");
    }

    @Override
    public void sessionProgress(Body earlyAnswer) {
        throw new IllegalStateException("not an incoming call");
    }

    @Override
    public void answer(Body answer) {
        throw new IllegalStateException("not an incoming call");
    }

    @Override
    public void reject(int status, String reason) {
        throw new IllegalStateException("not an incoming call");
    }

    @Override
    public void redirect(List<Uri> contacts) {
        throw new IllegalStateException("not an incoming call");
    }
}
