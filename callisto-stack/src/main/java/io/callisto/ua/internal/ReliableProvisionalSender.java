package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.RAck;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The UAS side of RFC 3262 for one INVITE: its provisional responses (101-199) go out reliably, with {@code Require:
 * 100rel} and an RSeq, one at a time (§3: a second only once the first is acknowledged), each passed to the server
 * transaction again at T1, 2*T1, 4*T1 ... (no cap, unlike 2xx retransmission) until a PRACK acknowledges it. After
 * 64*T1 without one, {@code onUnacknowledged} runs (the UAS SHOULD then reject the INVITE with a 5xx).
 *
 * <p>Runs on the call's owner thread.
 */
final class ReliableProvisionalSender {

    /** The INVITE's transaction; let go of once a final response went out (the call keeps no transaction). */
    private ServerTransaction tx;
    private final Owner owner;
    private final long t1;
    private final long giveUpAfter;
    private final Runnable onUnacknowledged;
    private final ArrayDeque<SipResponse> waiting = new ArrayDeque<>();
    private long nextRSeq;
    /** The outstanding reliable response, to retransmit; null once acknowledged or stopped. */
    private SipResponse unacked;
    /** Its RSeq, 0 when none is outstanding; kept after {@link #stop} so that a late PRACK still matches (§3). */
    private long unackedRSeq;
    private Cancellable timer = Cancellable.NONE;
    private long interval;
    private long waited;
    private long elapsed;
    private boolean stopped;

    ReliableProvisionalSender(ServerTransaction tx, Owner owner, long t1, Runnable onUnacknowledged) {
        this.tx = tx;
        this.owner = owner;
        this.t1 = t1;
        this.giveUpAfter = 64 * t1;
        this.onUnacknowledged = onUnacknowledged;
        // §3: the first RSeq is between 1 and 2^31 - 1, RECOMMENDED uniformly chosen; later ones add exactly one
        this.nextRSeq = 1 + ThreadLocalRandom.current().nextLong(Integer.MAX_VALUE - 1L);
    }

    /** Sends {@code r} (a 101-199) reliably, or queues it behind the one still unacknowledged. */
    void send(SipResponse r) {
        if (stopped) {
            return; // §3: no new reliable provisional response after a final response
        }
        r.setHeader("Require", UaCore.REL100);
        r.set(Headers.RSEQ, nextRSeq++);
        if (unacked != null) {
            waiting.add(r);
        } else {
            transmit(r);
        }
    }

    private void transmit(SipResponse r) {
        unacked = r;
        unackedRSeq = r.first(Headers.RSEQ);
        interval = t1;
        waited = t1;
        elapsed = 0;
        tx.respond(r);
        timer = owner.schedule(waited, this::retransmit);
    }

    private void retransmit() {
        if (unacked == null || stopped) {
            return;
        }
        elapsed += waited;
        if (elapsed >= giveUpAfter) {
            stop();
            onUnacknowledged.run();
            return;
        }
        tx.respond(unacked);
        interval *= 2;
        waited = Math.min(interval, giveUpAfter - elapsed); // the last wait ends at 64*T1 exactly
        timer = owner.schedule(waited, this::retransmit);
    }

    /**
     * A PRACK's RAck: true when it acknowledges the outstanding reliable response (§3: its RSeq, and the INVITE's
     * CSeq number and method), which then stops being retransmitted; the next queued one goes out.
     */
    boolean acknowledge(RAck rack, CSeq invite) {
        if (unackedRSeq == 0 || rack.rseq() != unackedRSeq || rack.cseqNumber() != invite.number()
                || !rack.method().equals(invite.method())) {
            return false;
        }
        timer.cancel();
        unacked = null;
        unackedRSeq = 0;
        SipResponse next = waiting.poll();
        if (next != null && !stopped) {
            transmit(next);
        }
        return true;
    }

    /**
     * True while a reliable response with a body (an offer or answer) is unacknowledged or queued: §3 and §5, the 2xx
     * to the INVITE must wait for its PRACK.
     */
    boolean bodyUnacknowledged() {
        if (unacked != null && unacked.bodyLength() > 0) {
            return true;
        }
        for (SipResponse r : waiting) {
            if (r.bodyLength() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A final response is going out: retransmissions stop and queued responses are dropped (§3); a PRACK for the
     * outstanding one is still acknowledged.
     */
    void stop() {
        stopped = true;
        timer.cancel();
        waiting.clear();
        unacked = null;
        tx = null;
    }
}
