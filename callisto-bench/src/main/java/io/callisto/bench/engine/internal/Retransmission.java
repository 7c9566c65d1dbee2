package io.callisto.bench.engine.internal;

import io.callisto.exec.Cancellable;
import io.callisto.sip.message.SipMessage;

/**
 * A call's UDP retransmission of its last {@code <send retrans="T1">}: sent again after T1, 2·T1, 4·T1, …, the
 * interval capped at T2 = 4 s except for an INVITE (RFC 3261 Timers A and E, as SIPp does), until stopped.
 * Runs on the call's owner.
 */
final class Retransmission {

    private static final long T2_MS = 4000;

    private final CallInstance call;
    private SipMessage message;
    private byte[] bytes;
    private long interval;
    private boolean capped;
    private Cancellable timer;

    Retransmission(CallInstance call) {
        this.call = call;
    }

    /** Starts retransmitting {@code message} (replacing any earlier one). */
    void start(SipMessage message, byte[] bytes, long t1, boolean invite) {
        stop();
        this.message = message;
        this.bytes = bytes;
        this.interval = t1;
        this.capped = !invite;
        this.timer = call.owner.schedule(interval, this::fire);
    }

    /** Stops retransmitting. */
    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        message = null;
        bytes = null;
    }

    private void fire() {
        if (message == null || call.ended()) {
            return;
        }
        call.resend(message, bytes);
        interval = capped ? Math.min(interval * 2, T2_MS) : interval * 2;
        timer = call.owner.schedule(interval, this::fire);
    }
}
