package io.callisto.bench.engine;

import io.callisto.exec.Scheduler;

/**
 * Where the engine reads time for pacing deadlines and latencies, in nanoseconds. Real runs use
 * {@link System#nanoTime()}; tests derive it from a {@link io.callisto.exec.VirtualTime} so that pacing and
 * timeouts are deterministic.
 */
@FunctionalInterface
public interface NanoClock {

    /** Monotonic nanoseconds; only differences are meaningful. */
    long nanoTime();

    /** The system's monotonic clock. */
    static NanoClock system() {
        return System::nanoTime;
    }

    /** A clock that follows a scheduler's milliseconds (for tests on a virtual clock). */
    static NanoClock of(Scheduler scheduler) {
        return () -> scheduler.nowMillis() * 1_000_000L;
    }
}
