package io.callisto.server.registrar.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Scheduler;
import io.callisto.server.location.LocationStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired bindings from the location service every interval, so that they go away even when nobody looks
 * them up (RFC 3261 §10.2.1: registrations are soft state). Ticks on the given scheduler; the store does the
 * write on its own threads. A sweep still running when the next tick comes is not doubled.
 */
public final class ExpirySweep {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final LocationStore store;
    private final Scheduler scheduler;
    private final LongSupplier wallClock;
    private final long intervalMillis;
    private volatile boolean running;
    private volatile Cancellable timer;
    private volatile CompletableFuture<Integer> inFlight;

    public ExpirySweep(LocationStore store, Scheduler scheduler, LongSupplier wallClock, long intervalMillis) {
        this.store = store;
        this.scheduler = scheduler;
        this.wallClock = wallClock;
        this.intervalMillis = intervalMillis;
    }

    /** Starts ticking (idempotent). */
    public synchronized void start() {
        if (!running) {
            running = true;
            timer = scheduler.schedule(intervalMillis, this::tick);
        }
    }

    /** Stops ticking; a sweep in flight completes on its own. */
    public synchronized void stop() {
        running = false;
        Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        CompletableFuture<Integer> previous = inFlight;
        if (previous == null || previous.isDone()) {
            try {
                CompletableFuture<Integer> f = store.removeExpired(wallClock.getAsLong());
                inFlight = f;
                f.whenComplete((n, err) -> {
                    if (err != null) {
                        LOG.warn("registrar: removing expired bindings failed: {}", err.toString());
                    } else if (n != null && n > 0) {
                        LOG.debug("registrar: {} expired binding(s) removed", n);
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("registrar: removing expired bindings failed: {}", e.toString());
            }
        }
        synchronized (this) {
            if (running) {
                timer = scheduler.schedule(intervalMillis, this::tick);
            }
        }
    }
}
