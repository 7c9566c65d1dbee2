package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallFailedException;
import io.callisto.ua.CallListener;
import io.callisto.ua.CallState;
import io.callisto.ua.dialog.Dialog;
import io.callisto.ua.dialog.DialogUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What outgoing and incoming calls share: the INVITE dialog usage of a confirmed dialog (§13-15). BYE in both
 * directions, re-INVITE in both directions (with 491 glare, {@link ReinviteClient}), INFO, the ACK for 2xx, and the
 * call's state, events and futures. Owned by the Call-ID's owner thread; public methods post to it.
 */
abstract class CallBase implements Call, DialogUsage {

    private static final Logger LOG = LoggerFactory.getLogger(CallBase.class);

    final UaCore core;
    final Owner owner;
    final String callId;
    private final CompletableFuture<Call> answered = new CompletableFuture<>();
    private final CompletableFuture<CallEvent> ended = new CompletableFuture<>();
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private volatile CallState state = CallState.TRYING;
    Dialog dialog;
    volatile Body remoteBody;
    Body localBody;
    /** The last ACK we sent for a 2xx, re-sent when that 2xx is retransmitted (§13.2.2.4). */
    SipRequest lastAck;
    /** Our re-INVITE in progress, or null. */
    ReinviteClient reinviteClient;
    /** Our last UPDATE (RFC 3311), or null. */
    UpdateClient updateClient;
    /** A received re-INVITE (or the initial INVITE) whose 2xx awaits its ACK, or null. */
    TwoXxRetransmitter awaitingAck;
    /** Answers offers the stack answers by itself (UPDATE, re-INVITE, PRACK, late offers), or null. */
    private volatile io.callisto.ua.OfferAnswerer answerer;
    /** The session timer (RFC 4028) of the call's dialog. */
    final SessionTimer sessionTimer;
    private Cancellable pendingTimer = Cancellable.NONE;
    /** The call an INVITE with Replaces replaced (RFC 3891), or null. */
    volatile Call replaced;
    /** Receives REFERs in this call (RFC 3515); null declines them. */
    volatile java.util.function.Consumer<io.callisto.ua.IncomingRefer> referListener;

    CallBase(UaCore core, String callId) {
        this.core = core;
        this.callId = callId;
        this.owner = core.ownerOf(callId);
        this.sessionTimer = new SessionTimer(this, core.config().sessionTimers());
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Body remoteBody() {
        return remoteBody;
    }

    @Override
    public CompletableFuture<Call> answered() {
        return answered;
    }

    @Override
    public CompletableFuture<CallEvent> ended() {
        return ended;
    }

    @Override
    public void addListener(CallListener listener) {
        listeners.add(listener);
    }

    // ---- state and events ----

    void setState(CallState next, SipMessage message, int status, String reason) {
        if (state == next || state == CallState.TERMINATED) {
            return;
        }
        state = next;
        fire(new CallEvent(this, CallEvent.Type.STATE_CHANGED, next, message, status, reason));
        if (next == CallState.CONFIRMED) {
            answered.complete(this);
        }
    }

    void fire(CallEvent event) {
        for (CallListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("call listener failed on {}", event.type(), e);
            }
        }
    }

    /** Ends the call: timers stop, the dialog goes, listeners hear it once. */
    void terminate(SipMessage message, int status, String reason) {
        if (state == CallState.TERMINATED) {
            return;
        }
        pendingTimer.cancel();
        sessionTimer.stop();
        if (awaitingAck != null) {
            awaitingAck.stop();
            awaitingAck = null;
        }
        if (reinviteClient != null) {
            reinviteClient.abandon();
            reinviteClient = null;
        }
        if (updateClient != null) {
            updateClient.abandon();
            updateClient = null;
        }
        if (dialog != null) {
            core.dialogs().remove(dialog);
            dialog.removeUsage(this); // so that ending the dialog does not call back into this call
            dialog.terminate();
        }
        core.unregister(this);
        CallEvent event = new CallEvent(this, CallEvent.Type.STATE_CHANGED, CallState.TERMINATED, message, status,
                reason);
        state = CallState.TERMINATED;
        fire(event);
        answered.completeExceptionally(new CallFailedException(status, reason));
        ended.complete(event);
    }

    void setPendingTimer(Cancellable timer) {
        pendingTimer.cancel();
        pendingTimer = timer;
    }

    /** Makes {@code d} the call's confirmed dialog and this call its INVITE usage. */
    void adoptDialog(Dialog d) {
        dialog = d;
        d.addUsage(this);
        core.dialogs().put(d);
    }

    // ---- DialogUsage ----

    @Override
    public boolean handles(String method) {
        switch (method) {
            case "BYE", "INVITE", "ACK", "INFO", "PRACK", "UPDATE", "REFER":
                return true;
            default:
                return false;
        }
    }

    @Override
    public void onRequest(Dialog d, ServerTransaction tx) {
        SipRequest req = tx.request();
        switch (req.method()) {
            case "BYE" -> {
                core.reply(tx, 200, null);
                terminate(req, 200, "remote BYE");
            }
            case "INVITE" -> onReinvite(tx);
            case "PRACK" -> onPrack(tx);
            case "UPDATE" -> UpdateServer.onUpdate(this, d, tx);
            case "REFER" -> IncomingReferImpl.onRefer(this, d, tx);
            case "INFO" -> {
                core.reply(tx, 200, null);
                fire(new CallEvent(this, CallEvent.Type.INFO_RECEIVED, state(), req, 0, "INFO"));
            }
            default -> core.reply(tx, 405, null);
        }
    }

    @Override
    public void onDialogTerminated(Dialog d) {
        if (d == dialog) {
            terminate(null, 481, "dialog terminated");
        }
    }

    // ---- transfer (RFC 3515, RFC 3891) ----

    @Override
    public io.callisto.ua.Subscription refer(io.callisto.sip.uri.Uri target) {
        return ReferClient.send(this, target, null);
    }

    @Override
    public io.callisto.ua.Subscription refer(io.callisto.sip.uri.Uri target, Call replacedCall) {
        return ReferClient.send(this, target, replacedCall);
    }

    @Override
    public void onRefer(java.util.function.Consumer<io.callisto.ua.IncomingRefer> listener) {
        referListener = listener;
    }

    @Override
    public Call replaces() {
        return replaced;
    }

    // ---- re-INVITE, UAS side (§14.2) ----

    private void onReinvite(ServerTransaction tx) {
        SipRequest req = tx.request();
        if (reinviteClient != null && reinviteClient.transactionPending()) {
            core.reply(tx, 491, null); // §14.2: glare
            return;
        }
        if (awaitingAck != null) {
            replyRetryLater(tx); // §14.2: an earlier INVITE's 2xx still waits for its ACK
            return;
        }
        if (!sessionTimer.accept(tx)) {
            return; // RFC 4028 §9: 422, the session interval asked for is below our minimum
        }
        Body offer = bodyOf(req);
        Answer answer = offer != null ? answerFor(offer) : new Answer(true, localBody); // no offer: the 200 has ours
        if (!answer.accepted()) {
            core.reply(tx, 488, null); // §14.2: the offer is not acceptable; the session stays as it was
            return;
        }
        Body reply = answer.body();
        dialog.refreshTarget(req);
        SipResponse ok = core.response(req, 200, null, null);
        ok.set(Headers.CONTACT, core.contact(tx.flow().transport(), dialog.isSecure()));
        if (reply != null) {
            ok.setBody(reply.type(), reply.bytes());
        }
        sessionTimer.onAnswer(req, ok);
        tx.respond(ok);
        awaitingAck = new TwoXxRetransmitter(this, tx, ok);
        fire(new CallEvent(this, CallEvent.Type.REFRESHED, state(), req, 200, "re-INVITE"));
    }

    @Override
    public void answerOffersWith(io.callisto.ua.OfferAnswerer answerer) {
        this.answerer = answerer;
    }

    /**
     * What we answer to an offer: accepted or not, and the body (null: none, for a call without an answerer or a
     * session description of its own).
     */
    record Answer(boolean accepted, Body body) {
        static final Answer REFUSED = new Answer(false, null);
    }

    /**
     * The answer to {@code offer}, which then becomes the remote session description (RFC 3264): the answerer's,
     * else our last session description unchanged (none when we have none); the answer becomes ours. Refused when
     * the answerer returns null or fails.
     */
    Answer answerFor(Body offer) {
        io.callisto.ua.OfferAnswerer a = answerer;
        Body answer;
        try {
            answer = a != null ? a.answer(this, offer) : localBody;
        } catch (RuntimeException e) {
            LOG.warn("the offer answerer of {} failed; the offer is refused", callId, e);
            return Answer.REFUSED;
        }
        if (answer == null && a != null) {
            return Answer.REFUSED;
        }
        remoteBody = offer;
        if (answer != null) {
            localBody = answer;
        }
        return new Answer(true, answer);
    }

    /** The body of {@code m} as a session description, or null when it has none. */
    static Body bodyOf(SipMessage m) {
        return m.bodyLength() > 0 && m.contentType() != null ? new Body(m.contentType(), m.body()) : null;
    }

    /**
     * 500 with a Retry-After of 0 to 10 s, chosen at random: a target refresh that cannot be taken now (RFC 3261
     * §14.2 for a re-INVITE, RFC 3311 §5.2 for an UPDATE).
     */
    void replyRetryLater(ServerTransaction tx) {
        SipResponse r = core.response(tx.request(), 500, "Server Internal Error", null);
        r.setHeader("Retry-After", String.valueOf(java.util.concurrent.ThreadLocalRandom.current().nextInt(11)));
        tx.respond(r);
    }

    /** True while an offer we received (in the initial INVITE) has not been answered yet. */
    boolean receivedOfferUnanswered() {
        return false;
    }

    /**
     * A target refresh request of ours in {@code d} (§12.2.1.1: re-INVITE, UPDATE): a new branch, our Contact, our
     * User-Agent, and {@code body} when not null.
     */
    SipRequest newTargetRefresh(Dialog d, String method, Body body) {
        SipRequest request = d.newRequest(method, Branch.next());
        request.set(Headers.CONTACT, core.contact(UaCore.transportFor(d.remoteTarget()), d.isSecure()));
        request.setHeader("User-Agent", core.config().userAgent());
        if (body != null) {
            request.setBody(body.type(), body.bytes());
        }
        sessionTimer.decorate(request); // RFC 4028 §7.4: every re-INVITE and UPDATE is a session refresh request
        return request;
    }

    /**
     * RFC 4028 §7.4: a session refresh of ours, by UPDATE without a body when the peer allows it, else by re-INVITE
     * with our unchanged session description. Returns null when another INVITE or UPDATE is in progress (its 2xx
     * refreshes the session as well).
     */
    CompletableFuture<SipResponse> sendSessionRefresh(boolean useUpdate) {
        if (dialog == null || (reinviteClient != null && reinviteClient.inProgress()) || awaitingAck != null
                || (updateClient != null && updateClient.pending())) {
            return null;
        }
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        if (useUpdate) {
            updateClient = new UpdateClient(this, dialog, null, f);
            updateClient.start();
        } else {
            reinviteClient = new ReinviteClient(this, null, f);
            reinviteClient.start();
        }
        return f;
    }

    /**
     * §22.2: sends a copy of {@code request} (next CSeq of {@code d}, new branch) answering the 401/407 challenge in
     * {@code response}, to {@code listener}; returns it, or null when no credentials answer the challenge.
     */
    SipRequest answerChallenge(Dialog d, SipRequest request, SipResponse response,
            io.callisto.transaction.ClientTransactionListener listener) {
        SipRequest again = RequestSender.retryOf(request, d.nextLocalSequence());
        if (!core.authenticator().authorize(again, response)) {
            return null;
        }
        core.send(again, null, listener);
        return again;
    }

    /** The dialog an UPDATE of ours goes in: the confirmed one, else null (an outgoing call may pick an early one). */
    Dialog dialogForUpdate() {
        return dialog;
    }

    @Override
    public CompletableFuture<SipResponse> update(Body offer) {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        owner.run(() -> {
            Dialog d = dialogForUpdate();
            if (d == null || state() == CallState.TERMINATED) {
                f.completeExceptionally(new IllegalStateException("no dialog to send an UPDATE in"));
            } else if (offer != null && (updateClient != null && updateClient.offerPending()
                    || reinviteClient != null && reinviteClient.inProgress())) {
                f.completeExceptionally(new IllegalStateException("an offer of ours is still unanswered"));
            } else if (updateClient != null && updateClient.pending()) {
                f.completeExceptionally(new IllegalStateException("an UPDATE is in progress"));
            } else {
                updateClient = new UpdateClient(this, d, offer, f);
                updateClient.start();
            }
        });
        return f;
    }

    /** A PRACK (RFC 3262): only an incoming call's reliable 1xx are acknowledged; anything else is 481 (§3). */
    void onPrack(ServerTransaction tx) {
        core.reply(tx, 481, null);
    }

    /** An ACK in the dialog: the one for our 2xx (initial or re-INVITE) stops its retransmission. */
    void onAck(SipRequest ack) {
        TwoXxRetransmitter r = awaitingAck;
        if (r != null && r.cseq() == ack.cseq().number()) {
            r.stop();
            awaitingAck = null;
            onAckReceived(ack);
        }
    }

    /** Hook for the incoming call: the first ACK confirms it. */
    void onAckReceived(SipRequest ack) {
    }

    /** §13.3.1.4: no ACK within 64*T1; the dialog is confirmed but the session ends with BYE. */
    void onAckTimeout() {
        awaitingAck = null;
        LOG.debug("no ACK for the 2xx of {}", callId);
        sendBye(408, "no ACK");
    }

    // ---- UAC side of 2xx ----

    /** Sends the ACK for a 2xx in {@code d} (§13.2.2.4): CSeq number of the INVITE, new branch, no body. */
    SipRequest ackFor(Dialog d, SipResponse ok) {
        return ackFor(d, ok, null);
    }

    /** As above, carrying {@code answer} when not null (the answer to an offer in the 2xx, §13.2.2.4). */
    SipRequest ackFor(Dialog d, SipResponse ok, Body answer) {
        SipRequest ack = d.newRequest("ACK", Branch.next(), ok.cseq().number());
        if (answer != null) {
            ack.setBody(answer.type(), answer.bytes());
        }
        core.sendAck(ack);
        return ack;
    }

    /** A 2xx that reached no transaction: re-ACK it if it is ours, else let the subclass handle forks. */
    void onStray2xx(SipResponse ok) {
        if (dialog != null && lastAck != null && ok.to().tag() != null
                && ok.to().tag().equals(dialog.id().remoteTag()) && ok.cseq().number() == lastAck.cseq().number()) {
            core.sendAck(lastAck);
        } else {
            onOther2xx(ok);
        }
    }

    /** A 2xx from another fork; outgoing calls ACK and BYE it. */
    void onOther2xx(SipResponse ok) {
    }

    // ---- BYE, INFO, re-INVITE (client side) ----

    /** Sends BYE in the dialog and ends the call (§15.1.1) as a local hang-up (status 0). */
    void sendBye(String reason) {
        sendBye(0, reason);
    }

    /** Sends BYE and ends the call with {@code status} in its end event (e.g. 408 when the ACK never came). */
    void sendBye(int status, String reason) {
        if (dialog == null || state() == CallState.TERMINATED) {
            terminate(null, status, reason);
            return;
        }
        Dialog d = dialog;
        SipRequest bye = d.newRequest("BYE", Branch.next());
        bye.setHeader("User-Agent", core.config().userAgent());
        RequestSender.send(core, bye, d::nextLocalSequence);
        terminate(null, status, reason);
    }

    @Override
    public void hangup() {
        owner.run(() -> {
            if (state() == CallState.CONFIRMED) {
                sendBye("local hangup");
            } else if (state() != CallState.TERMINATED) {
                hangupPending();
            }
        });
    }

    /** Hang-up before the call is confirmed: CANCEL (outgoing) or reject (incoming). */
    abstract void hangupPending();

    @Override
    public CompletableFuture<SipResponse> sendInfo(Body body) {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        owner.run(() -> {
            if (dialog == null || state() == CallState.TERMINATED) {
                f.completeExceptionally(new IllegalStateException("no dialog"));
                return;
            }
            Dialog d = dialog;
            SipRequest info = d.newRequest("INFO", Branch.next());
            info.setBody(body.type(), body.bytes());
            RequestSender.send(core, info, d::nextLocalSequence).whenComplete((r, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    if (r.status() == 481 || r.status() == 408) {
                        terminate(r, r.status(), "dialog gone"); // §12.2.1.2
                    }
                    f.complete(r);
                }
            });
        });
        return f;
    }

    @Override
    public CompletableFuture<SipResponse> reinvite(Body offer) {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        owner.run(() -> {
            if (state() != CallState.CONFIRMED) {
                f.completeExceptionally(new IllegalStateException("call is " + state()));
            } else if ((reinviteClient != null && reinviteClient.inProgress()) || awaitingAck != null) {
                // §14.1: no re-INVITE while another INVITE transaction is in progress in either direction.
                f.completeExceptionally(new IllegalStateException("an INVITE transaction is in progress"));
            } else {
                if (offer != null) {
                    localBody = offer;
                }
                reinviteClient = new ReinviteClient(this, offer, f);
                reinviteClient.start();
            }
        });
        return f;
    }
}
