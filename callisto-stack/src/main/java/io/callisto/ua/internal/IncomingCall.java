package io.callisto.ua.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.Body;
import io.callisto.ua.CallState;
import io.callisto.ua.dialog.Dialog;
import java.util.List;

/**
 * A call this UA receives (UAS, §13.3): provisional responses with our To tag (an early dialog), the 2xx with its
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

    IncomingCall(UaCore core, ServerTransaction tx) {
        super(core, tx.request().callId());
        this.tx = tx;
        this.transport = tx.flow() != null ? tx.flow().transport() : io.callisto.transport.Transport.UDP;
        this.invite = tx.request();
        if (invite.bodyLength() > 0 && invite.contentType() != null) {
            remoteBody = new Body(invite.contentType(), invite.body());
        }
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
            tx.respond(r);
            setState(CallState.RINGING, r, 180, "Ringing");
        });
    }

    @Override
    public void answer(Body answer) {
        owner.run(() -> {
            if (finalSent || state() == CallState.TERMINATED) {
                return;
            }
            finalSent = true;
            SipResponse ok = response(200, null);
            ok.set(Headers.CONTACT, contact());
            ok.setHeader(HeaderName.ALLOW.canonical(), UaCore.ALLOW);
            if (answer != null) {
                localBody = answer;
                ok.setBody(answer.type(), answer.bytes());
            }
            if (dialog == null) {
                adoptDialog(Dialog.asUas(invite, localTag, true));
            } else {
                dialog.confirm(null);
            }
            tx.respond(ok);
            awaitingAck = new TwoXxRetransmitter(this, tx, ok);
        });
    }

    @Override
    void onAckReceived(SipRequest ack) {
        if (ack.bodyLength() > 0 && ack.contentType() != null) {
            remoteBody = new Body(ack.contentType(), ack.body()); // §13.2.1: the answer may come in the ACK
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
        tx.respond(response(487, null));
        terminate(cancel, 487, "cancelled by caller");
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
