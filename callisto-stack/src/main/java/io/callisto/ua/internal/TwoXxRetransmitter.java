package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TimerConfig;

/**
 * The UAS core's 2xx retransmission (§13.3.1.4): the 2xx is passed to the transport again after T1, then at doubling
 * intervals capped at T2, until the ACK arrives; after 64*T1 without an ACK the session is ended with BYE. The INVITE
 * server transaction (in Accepted, RFC 6026 §8.5) carries the retransmissions to the transport.
 */
final class TwoXxRetransmitter {

    private final CallBase call;
    private final ServerTransaction tx;
    private final SipResponse ok;
    private final TimerConfig timers;
    private final long giveUpAt;
    private long interval;
    private Cancellable timer;
    private boolean stopped;

    TwoXxRetransmitter(CallBase call, ServerTransaction tx, SipResponse ok) {
        this.call = call;
        this.tx = tx;
        this.ok = ok;
        this.timers = call.core.stack().timers();
        this.interval = timers.t1();
        this.giveUpAt = call.owner.nowMillis() + timers.t1x64();
        this.timer = call.owner.schedule(interval, this::fire);
    }

    /** The CSeq number whose ACK stops this retransmission. */
    long cseq() {
        return ok.cseq().number();
    }

    private void fire() {
        if (stopped) {
            return;
        }
        if (call.owner.nowMillis() >= giveUpAt) {
            stopped = true;
            call.onAckTimeout();
            return;
        }
        tx.respond(ok);
        interval = Math.min(interval * 2, timers.t2());
        long wait = Math.min(interval, Math.max(1, giveUpAt - call.owner.nowMillis()));
        timer = call.owner.schedule(wait, this::fire);
    }

    void stop() {
        stopped = true;
        timer.cancel();
    }
}
