package io.callisto.cli.phone;

import io.callisto.sip.message.SipMessage;
import io.callisto.ua.Body;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;

/**
 * Follows one call's events for the phone: state changes, holds by the peer, REFERs. (DTMF, in RTP or INFO, comes
 * through the call's {@code CallMedia}.)
 */
final class LineEvents {

    private final Phone phone;
    private final Line line;

    LineEvents(Phone phone, Line line) {
        this.phone = phone;
        this.line = line;
    }

    void listen() {
        line.call.addListener(this::on);
        line.call.onRefer(refer -> phone.transfers().incoming(line, refer));
    }

    private void on(CallEvent e) {
        switch (e.type()) {
            case STATE_CHANGED -> stateChanged(e);
            case REFRESHED -> refreshed(e.message());
            default -> { }
        }
    }

    private void stateChanged(CallEvent e) {
        if (e.state() == CallState.TERMINATED) {
            line.ended(e.status(), e.reason(), phone.now());
            phone.event("ended", "call", Phone.num(line), "status", String.valueOf(e.status()), "reason", e.reason());
            phone.ended(line);
            return;
        }
        Line.State s = switch (e.state()) {
            case RINGING -> Line.State.RINGING;
            case EARLY -> Line.State.EARLY;
            case CONFIRMED -> Line.State.CONFIRMED;
            default -> Line.State.TRYING;
        };
        if (!line.moveTo(s, phone.now())) {
            return;
        }
        if (s == Line.State.CONFIRMED) {
            line.secure(line.media().secure());
            phone.event("confirmed", "call", Phone.num(line), "peer", line.peer, "srtp", line.secure() ? "yes" : "no");
            phone.confirmed(line);
        } else {
            phone.event(s.label(), "call", Phone.num(line), "status", String.valueOf(e.status()));
        }
    }

    /** A re-INVITE or UPDATE from the peer: did it put us on hold, or take us off (RFC 3264 §8.4)? */
    private void refreshed(SipMessage request) {
        if (request == null || request.bodyLength() == 0 || request.contentType() == null) {
            return;
        }
        boolean held = Targets.holdsUs(new Body(request.contentType(), request.body()));
        if (held != line.heldByPeer()) {
            line.heldByPeer(held);
            phone.event(held ? "held" : "resumed", "call", Phone.num(line), "by", "peer");
        }
    }
}
