package io.callisto.ua.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.RAck;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.Body;
import io.callisto.ua.CallState;
import io.callisto.ua.ReliableProvisionals;
import io.callisto.ua.dialog.Dialog;
import java.util.List;

/**
 * A call this UA receives (UAS, §13.3): provisional responses with our To tag (an early dialog), sent reliably when
 * the caller requires it (RFC 3262, {@link ReliableProvisionalSender}, acknowledged by PRACK), the 2xx with its
 * retransmission until the ACK (§13.3.1.4), rejection and redirection (§13.3.1.3, §8.3), and CANCEL (§9.2: 487 to
 * the INVITE).
 */
final class IncomingCall extends CallBase {

    /** The INVITE server transaction while the call is being set up; dropped once confirmed (memory per call). */
    private ServerTransaction tx;
    private final io.callisto.transport.Transport transport;
    private final SipRequest invite;
    private final String localTag = Ids.tag();
    private boolean finalSent;
    /** Sends our 1xx reliably (RFC 3262), or null when they go out as usual. */
    private final ReliableProvisionalSender reliable;
    /** answer() came while a reliable 1xx with a body was unacknowledged: the 2xx waits for its PRACK (§3). */
    private boolean answerWaits;
    private Body waitingAnswer;
    /** For an INVITE without an offer: the answer to the offer we sent came (in a PRACK or the ACK). */
    private boolean ourOfferAnswered;

    IncomingCall(UaCore core, ServerTransaction tx) {
        super(core, tx.request().callId());
        this.tx = tx;
        this.transport = tx.flow() != null ? tx.flow().transport() : io.callisto.transport.Transport.UDP;
        this.invite = tx.request();
        if (invite.bodyLength() > 0 && invite.contentType() != null) {
            remoteBody = new Body(invite.contentType(), invite.body());
        }
        sessionTimer.notePeerAllow(invite);
        this.reliable = sendsReliably(core, invite) ? new ReliableProvisionalSender(tx, owner,
                core.stack().timers().t1(), this::onProvisionalUnacknowledged) : null;
    }

    /**
     * RFC 3262 §3: reliably when the INVITE requires it (UaCore refused it with 420 if we are off), or supports it
     * and our policy requires it.
     */
    private static boolean sendsReliably(UaCore core, SipRequest invite) {
        ReliableProvisionals policy = core.reliableProvisionals();
        return policy != ReliableProvisionals.OFF && (UaCore.lists100rel(invite, Headers.REQUIRE)
                || policy == ReliableProvisionals.REQUIRED && UaCore.lists100rel(invite, Headers.SUPPORTED));
    }

    /** The INVITE server transaction while the call is unconfirmed, else null. */
    ServerTransaction serverTransaction() {
        return tx;
    }

    @Override
    public boolean isOutgoing() {
        return false;
    }

    @Override
    public Uri remoteUri() {
        return invite.from().uri();
    }

    @Override
    public SipRequest invite() {
        return invite;
    }

    private SipResponse response(int status, String reason) {
        SipResponse r = core.response(invite, status, reason, localTag);
        if (status > 100 && status < 300) {
            // §12.1.1: a dialog-establishing response carries the request's Record-Route values, in order, so the
            // caller's route set (and its ACK and BYE) follows the proxies that asked to stay on the path
            for (String rr : invite.headers("Record-Route")) {
                r.addHeader("Record-Route", rr);
            }
        }
        return r;
    }

    private NameAddress contact() {
        return core.contact(transport, dialog != null ? dialog.isSecure()
                : invite.requestUri() instanceof io.callisto.sip.uri.SipUri s && s.secure());
    }

    @Override
    public void ring() {
        owner.run(() -> {
            if (finalSent || state() == CallState.TERMINATED) {
                return;
            }
            SipResponse r = response(180, null);
            r.set(Headers.CONTACT, contact());
            if (dialog == null) {
                adoptDialog(Dialog.asUas(invite, localTag, false)); // §12.1.1: the 180 makes an early dialog
            }
            if (reliable != null) {
                reliable.send(r);
            } else {
                tx.respond(r);
            }
            setState(CallState.RINGING, r, 180, "Ringing");
        });
    }

    @Override
    public void sessionProgress(Body earlyAnswer) {
        owner.run(() -> {
            if (finalSent || state() == CallState.TERMINATED) {
                return;
            }
            SipResponse r = response(183, null);
            r.set(Headers.CONTACT, contact());
            if (earlyAnswer != null) {
                localBody = earlyAnswer;
                r.setBody(earlyAnswer.type(), earlyAnswer.bytes());
            }
            if (dialog == null) {
                adoptDialog(Dialog.asUas(invite, localTag, false)); // §12.1.1: an early dialog
            }
            if (reliable != null) {
                reliable.send(r);
            } else {
                tx.respond(r);
            }
            setState(CallState.EARLY, r, 183, "Session Progress");
        });
    }

    @Override
    public void answer(Body answer) {
        owner.run(() -> {
            if (finalSent || answerWaits || state() == CallState.TERMINATED) {
                return;
            }
            if (reliable != null && reliable.bodyUnacknowledged()) {
                answerWaits = true; // RFC 3262 §3, §5: the 2xx waits for the PRACK of the 1xx with a body
                waitingAnswer = answer;
                return;
            }
            sendAnswer(answer);
        });
    }

    private void sendAnswer(Body answer) {
        finalSent = true;
        if (reliable != null) {
            reliable.stop();
        }
        SipResponse ok = response(200, null);
        ok.set(Headers.CONTACT, contact());
        ok.setHeader(HeaderName.ALLOW.canonical(), core.allow());
        if (answer != null) {
            localBody = answer;
            ok.setBody(answer.type(), answer.bytes());
        }
        if (dialog == null) {
            adoptDialog(Dialog.asUas(invite, localTag, true));
        } else {
            dialog.confirm(null);
        }
        sessionTimer.onAnswer(invite, ok); // RFC 4028 §9
        tx.respond(ok);
        awaitingAck = new TwoXxRetransmitter(this, tx, ok);
    }

    /**
     * A PRACK in the early (or, late, the confirmed) dialog: 200 when it acknowledges our outstanding reliable 1xx,
     * else 481 (RFC 3262 §3). A body in it is the caller's answer, or a new offer we only record (no SDP engine
     * here: the 200 carries no answer). A 2xx that waited for this PRACK goes out now.
     */
    @Override
    void onPrack(ServerTransaction prackTx) {
        SipRequest prack = prackTx.request();
        RAck rack;
        try {
            rack = prack.first(Headers.RACK);
        } catch (ParseError e) {
            core.reply(prackTx, 400, "Bad Request (malformed RAck)");
            return;
        }
        if (reliable == null || rack == null || !reliable.acknowledge(rack, invite.cseq())) {
            core.reply(prackTx, 481, null);
            return;
        }
        Body body = bodyOf(prack);
        SipResponse ok = core.response(prack, 200, null, null);
        if (body != null && ourOfferUnanswered()) {
            remoteBody = body; // §5: the answer to the offer in our reliable 1xx
            ourOfferAnswered = true;
        } else if (body != null) {
            Body answer = answerFor(body).body(); // §5: a new offer in the PRACK is answered in its 200
            if (answer != null) {
                ok.setBody(answer.type(), answer.bytes());
            }
        }
        prackTx.respond(ok);
        if (answerWaits && !finalSent && !reliable.bodyUnacknowledged()) {
            answerWaits = false;
            Body a = waitingAnswer;
            waitingAnswer = null;
            sendAnswer(a);
        }
    }

    /** Our reliable 1xx carried an offer (the INVITE had none) and no answer came yet (RFC 3262 §5). */
    private boolean ourOfferUnanswered() {
        return invite.bodyLength() == 0 && localBody != null && !ourOfferAnswered;
    }

    /** RFC 3262 §3: no PRACK within 64*T1: the INVITE is rejected with a 5xx and the call ends. */
    private void onProvisionalUnacknowledged() {
        if (finalSent || state() == CallState.TERMINATED) {
            return;
        }
        finalSent = true;
        SipResponse r = response(500, "Reliable Provisional Response Not Acknowledged");
        tx.respond(r);
        terminate(r, 500, "no PRACK for a reliable provisional response");
    }

    @Override
    void onAckReceived(SipRequest ack) {
        if (ack.bodyLength() > 0 && ack.contentType() != null) {
            remoteBody = new Body(ack.contentType(), ack.body()); // §13.2.1: the answer may come in the ACK
            ourOfferAnswered = true;
        }
        setState(CallState.CONFIRMED, ack, 200, "ACK received");
        tx = null; // the transaction lives on in its table until Timer L; the call no longer needs it
        invite.releaseParsedValues();
    }

    @Override
    public void reject(int status, String reason) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 3xx-6xx status");
        }
        owner.run(() -> {
            if (finalSent || state() == CallState.TERMINATED) {
                return;
            }
            finalSent = true;
            stopReliable();
            SipResponse r = response(status, reason);
            tx.respond(r);
            terminate(r, status, "rejected " + status);
        });
    }

    @Override
    public void redirect(List<Uri> contacts) {
        if (contacts.isEmpty()) {
            throw new IllegalArgumentException("redirect needs at least one contact");
        }
        owner.run(() -> {
            if (finalSent || state() == CallState.TERMINATED) {
                return;
            }
            finalSent = true;
            stopReliable();
            int status = contacts.size() == 1 ? 302 : 300;
            SipResponse r = response(status, null);
            for (Uri c : contacts) {
                r.add(Headers.CONTACT, NameAddress.of(c));
            }
            tx.respond(r);
            terminate(r, status, "redirected");
        });
    }

    /** §9.2: the caller cancelled before our final response: 487 to the INVITE. */
    void onCancel(SipRequest cancel) {
        if (finalSent) {
            return;
        }
        finalSent = true;
        stopReliable();
        tx.respond(response(487, null));
        terminate(cancel, 487, "cancelled by caller");
    }

    /** RFC 3311 §5.2: the INVITE's offer is unanswered until a 2xx or a 1xx with a body carried our answer. */
    @Override
    boolean receivedOfferUnanswered() {
        return !finalSent && invite.bodyLength() > 0 && localBody == null;
    }

    private void stopReliable() {
        if (reliable != null) {
            reliable.stop();
        }
    }

    @Override
    void hangupPending() {
        if (!finalSent) {
            reject(603, "Decline");
        } else {
            // Answered, ACK not yet in: end the session as soon as the dialog allows (§15: BYE after the 2xx).
            sendBye("local hangup");
        }
    }
}
