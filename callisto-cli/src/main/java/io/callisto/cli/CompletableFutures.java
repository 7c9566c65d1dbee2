package io.callisto.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Delayed actions for the command (ring time, call duration): one daemon scheduler thread. */
public final class CompletableFutures {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "callisto-cli-timer");
        t.setDaemon(true);
        return t;
    });

    private CompletableFutures() {
    }

    public static void delay(long millis, Runnable action) {
        TIMER.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
}
