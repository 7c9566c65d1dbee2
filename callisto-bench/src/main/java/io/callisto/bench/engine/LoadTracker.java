package io.callisto.bench.engine;

import io.callisto.bench.report.LoadVerdict;
import java.util.Locale;

/**
 * Watches the pacing loop so that a run never shows a lower rate without saying why: it notes when
 * {@code --max-concurrent} held calls back, when the loop itself stalled (calls then start in a burst), and
 * compares the calls started after the ramp with what the {@link Pacer} asked for. Used on the control thread only.
 */
final class LoadTracker {

    private static final long STALL_NANOS = 50_000_000L;

    private final Pacer pacer;
    private final int maxConcurrent;
    private long heldAtNanos = -1;
    private long heldInProgress;
    private long previousTick = -1;
    private long stalls;
    private long longestStall;
    private long rampAtNanos = -1;
    private long startedAtRamp;
    private long lastStartNanos = -1;
    private long lastStarted;

    LoadTracker(Pacer pacer, int maxConcurrent) {
        this.pacer = pacer;
        this.maxConcurrent = maxConcurrent;
    }

    /** The concurrency limit stopped the loop from starting a due call. */
    void heldBack(long elapsed, long inProgress) {
        if (heldAtNanos < 0) {
            heldAtNanos = elapsed;
            heldInProgress = inProgress;
        }
    }

    /** After a tick at {@code elapsed} that left {@code backlog} due calls unstarted, {@code started} in all. */
    void afterTick(long elapsed, long backlog, long started) {
        if (previousTick >= 0 && elapsed - previousTick > STALL_NANOS) {
            stalls++;
            longestStall = Math.max(longestStall, elapsed - previousTick);
        }
        previousTick = elapsed;
        if (rampAtNanos < 0 && elapsed >= pacer.rampNanos()) {
            rampAtNanos = elapsed;
            startedAtRamp = started;
        }
        if (started != lastStarted) {
            lastStarted = started;
            lastStartNanos = elapsed;
        }
    }

    /** Whether the offered load was delivered, and a line saying so. */
    LoadVerdict verdict() {
        String stallNote = stalls == 0 ? "" : String.format(Locale.ROOT,
                "; the pacing loop stalled %d times (longest %d ms), those calls started in bursts", stalls,
                longestStall / 1_000_000L);
        if (heldAtNanos >= 0) {
            return new LoadVerdict(false, String.format(Locale.ROOT,
                    "fell behind from %.1f s: %d calls in progress reached --max-concurrent %d",
                    heldAtNanos / 1e9, heldInProgress, maxConcurrent) + stallNote);
        }
        double rate = pacer.ratePerSec();
        if (rampAtNanos < 0 || lastStartNanos - rampAtNanos < 1_000_000_000L) {
            return new LoadVerdict(true, String.format(Locale.ROOT,
                    "%d calls at %s/s; too few after the ramp to measure the achieved rate", lastStarted,
                    fmt(rate)) + stallNote);
        }
        double window = (lastStartNanos - rampAtNanos) / 1e9;
        double achieved = (lastStarted - startedAtRamp) / window;
        double expected = (pacer.due(lastStartNanos) - pacer.due(rampAtNanos)) / window;
        boolean kept = achieved >= expected * 0.98;
        return new LoadVerdict(kept, String.format(Locale.ROOT, "achieved %s/s of %s/s%s", fmt(achieved), fmt(rate),
                kept ? "" : " (more than 2% under: the tool could not start calls fast enough)") + stallNote);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
