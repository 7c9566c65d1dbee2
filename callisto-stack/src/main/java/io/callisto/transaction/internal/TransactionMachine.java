package io.callisto.transaction.internal;

import io.callisto.exec.Cancellable;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionState;

/**
 * The parts every one of the four machines has: its table (owner, transport, timers, TU), its state, and two timer
 * slots, one for retransmissions (A, E, G, or the 100 Trying delay) and one for how long the current state lasts
 * (B, F, H), plus a place in the table's {@link LingerQueues} for the waiting states (D, I, J, K, L, M). All of it
 * is touched on the owner thread only.
 */
abstract class TransactionMachine {

    final TransactionTable table;
    TransactionState state;
    Cancellable retransmitTimer = Cancellable.NONE;
    Cancellable lifetimeTimer = Cancellable.NONE;
    /** The current retransmission interval (Timer A, E or G). */
    long interval;
    /** {@link #NOT_LINGERING}, or when the waiting state queued with {@link #lingerFor} ends (owner clock, ms). */
    long lingerUntil = NOT_LINGERING;

    static final long NOT_LINGERING = Long.MIN_VALUE;

    TransactionMachine(TransactionTable table, TransactionState initial) {
        this.table = table;
        this.state = initial;
    }

    final TimerConfig timers() {
        return table.timers();
    }

    /** Runs {@code task} on the owner after {@code delayMillis} (the owner's scheduler: virtual time in tests). */
    final Cancellable schedule(long delayMillis, Runnable task) {
        return table.owner().schedule(delayMillis, task);
    }

    /**
     * Enters a waiting state that ends after {@code millis} (> 0) with {@link #lingerEnded()}: Timers D, I, J, K,
     * L and M, which nearly always run out, go to the table's {@link LingerQueues} rather than one task each.
     */
    final void lingerFor(long millis) {
        table.lingering().add(this, millis);
    }

    /** The waiting state queued with {@link #lingerFor} is over (unless {@link #cancelTimers()} ran since). */
    abstract void lingerEnded();

    final void cancelTimers() {
        lingerUntil = NOT_LINGERING;
        retransmitTimer.cancel();
        retransmitTimer = Cancellable.NONE;
        lifetimeTimer.cancel();
        lifetimeTimer = Cancellable.NONE;
    }
}
