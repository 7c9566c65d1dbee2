package io.callisto.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last line of cleanup: every process a test starts is registered here, and a shutdown hook kills (by PID) those
 * still running when the test JVM exits, e.g. when surefire's fork timeout or an interrupt ends it before the tests'
 * own {@code close()}/{@code stop()} calls could run.
 */
final class Reaper {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Process p : LIVE) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }, "callisto-it-reaper"));
    }

    private Reaper() {
    }

    /** Registers a started process; it leaves the set when it exits. */
    static Process track(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }
}
