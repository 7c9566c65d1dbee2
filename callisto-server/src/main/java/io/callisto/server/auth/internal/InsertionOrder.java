package io.callisto.server.auth.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The keys of a bounded concurrent table in insertion order, for sweeping the oldest and evicting over capacity.
 * Any thread adds; only one thread at a time takes keys off the head (a thread that finds another taking skips,
 * and the next call makes up for it), so the head a taker looked at is still the head when it takes it. Two
 * threads racing to remove the same key made the loser search the whole queue for it.
 *
 * @param <K> the key type
 */
final class InsertionOrder<K> {

    private final ConcurrentLinkedQueue<K> order = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean taking = new AtomicBoolean();

    /** Appends {@code key} (the table has just gained it). */
    void add(K key) {
        order.add(key);
    }

    /**
     * Takes up to {@code steps} keys off the head while {@code done} says the head's entry may go, handing each to
     * {@code taken}; stops at the first key that must stay. Skipped when another thread is taking.
     */
    void sweep(int steps, Predicate<K> done, Consumer<K> taken) {
        if (!taking.compareAndSet(false, true)) {
            return;
        }
        try {
            for (int i = 0; i < steps; i++) {
                K key = order.peek();
                if (key == null || !done.test(key)) {
                    return;
                }
                order.poll();
                taken.accept(key);
            }
        } finally {
            taking.set(false);
        }
    }

    /**
     * Takes keys off the head, handing each to {@code evicted}, while {@code over} says the table is over its
     * capacity. Skipped when another thread is taking.
     */
    void evict(BooleanSupplier over, Consumer<K> evicted) {
        if (!taking.compareAndSet(false, true)) {
            return;
        }
        try {
            while (over.getAsBoolean()) {
                K key = order.poll();
                if (key == null) {
                    return;
                }
                evicted.accept(key);
            }
        } finally {
            taking.set(false);
        }
    }
}
