package io.callisto.server.store.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps a background thread's work to a share of one core: after each piece of work, {@link #rest()} sleeps so that
 * the work took at most {@code duty} of the time since the previous rest. A checkpoint that would take a core for a
 * second at once (and, on a small machine, starve the event loop and the store's thread while it runs) is spread
 * over a few seconds instead. Time is measured on the wall clock, so work slowed by other threads rests longer.
 */
final class DutyCycle {

    private final double duty;
    private final long maxRestNanos;
    private final LongSupplier nanoClock;
    private final LongConsumer sleeper;
    private long since;

    /**
     * @param duty         the share of the time that may be work, above 0 and at most 1
     * @param maxRestMillis the longest single rest (a piece of work stretched by a stalled machine must not turn
     *                      into a long sleep)
     * @param nanoClock    {@link System#nanoTime()} outside tests
     * @param sleeper      sleeps the given nanoseconds
     */
    DutyCycle(double duty, long maxRestMillis, LongSupplier nanoClock, LongConsumer sleeper) {
        if (!(duty > 0 && duty <= 1)) {
            throw new IllegalArgumentException("duty must be in (0, 1]: " + duty);
        }
        this.duty = duty;
        this.maxRestNanos = TimeUnit.MILLISECONDS.toNanos(maxRestMillis);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.since = nanoClock.getAsLong();
    }

    /** A duty cycle on the real clock, resting with {@link Thread#sleep}. */
    static DutyCycle of(double duty, long maxRestMillis) {
        return new DutyCycle(duty, maxRestMillis, System::nanoTime, DutyCycle::sleep);
    }

    /** Starts measuring a piece of work now. */
    void begin() {
        since = nanoClock.getAsLong();
    }

    /** After a piece of work: rests for its share, then starts measuring the next piece. */
    void rest() {
        long worked = nanoClock.getAsLong() - since;
        long rest = Math.min(maxRestNanos, (long) (worked * (1 - duty) / duty));
        if (rest > 0) {
            sleeper.accept(rest);
        }
        since = nanoClock.getAsLong();
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
