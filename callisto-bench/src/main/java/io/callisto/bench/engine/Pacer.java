package io.callisto.bench.engine;

/**
 * The offered load as a function of time: a rate in calls per second, reached by a linear ramp from zero over
 * {@code rampMs}. The engine asks, at every tick, how many calls should have started since the run began
 * ({@link #due}) and starts the difference, so the achieved rate does not drift with tick jitter: a late tick
 * starts more calls, an early one fewer. Computed in nanoseconds from the integral of the rate.
 */
public final class Pacer {

    private final double ratePerSec;
    private final long rampNanos;

    /**
     * @param ratePerSec target calls per second, greater than 0
     * @param rampMs     length of the linear ramp from 0 to the target, 0 for none
     */
    public Pacer(double ratePerSec, long rampMs) {
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("rate must be a positive number: " + ratePerSec);
        }
        if (rampMs < 0) {
            throw new IllegalArgumentException("ramp must not be negative: " + rampMs);
        }
        this.ratePerSec = ratePerSec;
        this.rampNanos = rampMs * 1_000_000L;
    }

    /** How many calls should have started {@code elapsedNanos} after the start (the first call is due at 0). */
    public long due(long elapsedNanos) {
        if (elapsedNanos < 0) {
            return 0;
        }
        double seconds;
        if (elapsedNanos < rampNanos) {
            double t = elapsedNanos / 1e9;
            seconds = t * t / (2 * (rampNanos / 1e9));
        } else {
            seconds = rampNanos / 2e9 + (elapsedNanos - rampNanos) / 1e9;
        }
        return (long) Math.floor(seconds * ratePerSec + 1e-9) + 1;
    }

    /** The offered rate in calls per second at {@code elapsedNanos}. */
    public double rateAt(long elapsedNanos) {
        if (elapsedNanos >= rampNanos) {
            return ratePerSec;
        }
        return ratePerSec * Math.max(0, elapsedNanos) / rampNanos;
    }

    /** When the ramp ends, in nanoseconds after the start. */
    public long rampNanos() {
        return rampNanos;
    }

    /** The target rate. */
    public double ratePerSec() {
        return ratePerSec;
    }
}
