package io.callisto.transport.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * TESTING ONLY: decides which UDP datagrams to drop, a fixed fraction chosen by a seeded sequence. Lock-free: the
 * n-th decision is a hash of the seed and n, so a run is reproducible for a given order of datagrams.
 */
public final class LossHook {

    /** Drops nothing. */
    public static final LossHook NONE = new LossHook(0, 0);

    private final double rate;
    private final long seed;
    private final AtomicLong counter = new AtomicLong();

    /** Drops the fraction {@code rate} (0 to 1) of the datagrams it is asked about. */
    public LossHook(double rate, long seed) {
        this.rate = rate;
        this.seed = seed;
    }

    /** True when the next datagram is to be dropped. */
    public boolean drop() {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        long z = seed + counter.incrementAndGet() * 0x9E3779B97F4A7C15L; // SplitMix64 step
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        double u = (z >>> 11) * 0x1.0p-53;
        return u < rate;
    }
}
