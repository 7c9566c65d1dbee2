package io.callisto.transaction.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Scheduler;
import java.util.ArrayDeque;

/**
 * The end of the states in which a transaction only waits: Timers J and L (64*T1) and I, K, D and M. These run
 * out for nearly every transaction, and over UDP they last 5 to 32 s, so at thousands of calls per second a table
 * holds hundreds of thousands of them. Giving each its own scheduled task would keep as many task objects alive
 * for as long, and every insertion would cost a priority-queue step over all of them.
 *
 * <p>Instead, transactions that wait equally long sit in one first-in first-out queue: appended in the order they
 * start waiting, they are also in the order their time is up. One scheduled sweep per table ends those that are
 * due and re-arms itself for the next head, at most once per {@link #GRAIN_MILLIS} under load (so a waiting state
 * may last up to that much longer than its timer, which the RFC allows: these timers say how long a transaction
 * at least keeps absorbing retransmissions). A machine that leaves the waiting state earlier resets its
 * {@link TransactionMachine#lingerUntil} and is skipped when its turn comes.
 *
 * <p>Owner thread only, like the table.
 */
final class LingerQueues {

    /** The shortest interval between two sweeps while transactions keep coming due. */
    static final long GRAIN_MILLIS = 5;

    private final Scheduler clock;
    /** One queue per distinct duration (typically two: T4 and 64*T1, or Timer D). */
    private long[] durations = new long[4];
    @SuppressWarnings("unchecked")
    private ArrayDeque<TransactionMachine>[] queues = new ArrayDeque[4];
    private int count;
    private Cancellable sweep = Cancellable.NONE;
    /** When the armed sweep runs, or Long.MAX_VALUE when none is armed. */
    private long sweepAt = Long.MAX_VALUE;
    private long lastSweep = Long.MIN_VALUE / 2;

    LingerQueues(Scheduler clock) {
        this.clock = clock;
    }

    /** {@code tx} waits {@code millis} (> 0) from now, then its {@link TransactionMachine#lingerEnded()} runs. */
    void add(TransactionMachine tx, long millis) {
        long now = clock.nowMillis();
        long due = now + millis;
        tx.lingerUntil = due;
        queue(millis).addLast(tx);
        if (due < sweepAt) {
            arm(due, now);
        }
    }

    /** Entries in all queues, including those whose transaction has since left its waiting state. */
    int size() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += queues[i].size();
        }
        return n;
    }

    private ArrayDeque<TransactionMachine> queue(long millis) {
        for (int i = 0; i < count; i++) {
            if (durations[i] == millis) {
                return queues[i];
            }
        }
        if (count == durations.length) {
            durations = java.util.Arrays.copyOf(durations, count * 2);
            queues = java.util.Arrays.copyOf(queues, count * 2);
        }
        durations[count] = millis;
        queues[count] = new ArrayDeque<>();
        return queues[count++];
    }

    private void arm(long at, long now) {
        sweep.cancel();
        sweepAt = at;
        sweep = clock.schedule(Math.max(0, at - now), this::sweep);
    }

    private void sweep() {
        sweepAt = Long.MAX_VALUE;
        sweep = Cancellable.NONE;
        long now = clock.nowMillis();
        lastSweep = now;
        long next = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            ArrayDeque<TransactionMachine> q = queues[i];
            TransactionMachine tx;
            while ((tx = q.peekFirst()) != null) {
                long until = tx.lingerUntil;
                boolean waiting = until != TransactionMachine.NOT_LINGERING;
                if (waiting && until > now) {
                    next = Math.min(next, until);
                    break;
                }
                q.pollFirst();
                if (waiting) {
                    tx.lingerUntil = TransactionMachine.NOT_LINGERING;
                    tx.lingerEnded();
                }
            }
        }
        if (next != Long.MAX_VALUE) {
            arm(Math.max(next, lastSweep + GRAIN_MILLIS), now);
        }
    }
}
