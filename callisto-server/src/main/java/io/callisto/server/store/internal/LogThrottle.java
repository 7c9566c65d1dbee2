package io.callisto.server.store.internal;

import java.util.concurrent.TimeUnit;

/**
 * At most one log line per interval for a repeated failure (a database that is down fails every write), with the
 * count of the ones left out. Used on one store thread only.
 */
final class LogThrottle {

    private final long intervalNanos;
    private long last;
    private boolean any;
    private int suppressed;

    LogThrottle(long intervalMillis) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** -1 when this occurrence should not be logged; else how many were left out since the last line. */
    int admit() {
        long now = System.nanoTime();
        if (any && now - last < intervalNanos) {
            suppressed++;
            return -1;
        }
        any = true;
        last = now;
        int n = suppressed;
        suppressed = 0;
        return n;
    }
}
