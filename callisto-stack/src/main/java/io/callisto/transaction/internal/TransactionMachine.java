package io.callisto.transaction.internal;

import io.callisto.exec.Cancellable;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionState;

/**
 * The parts every one of the four machines has: its table (owner, transport, timers, TU), its state, and two timer
 * slots, one for retransmissions (A, E, G, or the 100 Trying delay) and one for how long the current state lasts
 * (B, D, F, H, I, J, K, L, M). All of it is touched on the owner thread only.
 */
abstract class TransactionMachine {

    final TransactionTable table;
    TransactionState state;
    Cancellable retransmitTimer = Cancellable.NONE;
    Cancellable lifetimeTimer = Cancellable.NONE;
    /** The current retransmission interval (Timer A, E or G). */
    long interval;

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

    final void cancelTimers() {
        retransmitTimer.cancel();
        retransmitTimer = Cancellable.NONE;
        lifetimeTimer.cancel();
        lifetimeTimer = Cancellable.NONE;
    }
}
