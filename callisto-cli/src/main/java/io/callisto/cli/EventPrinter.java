package io.callisto.cli;

import io.callisto.exec.Scheduler;
import java.io.PrintWriter;
import java.util.concurrent.RejectedExecutionException;

/**
 * One line per event: milliseconds since start, the event name, then {@code key=value} pairs; values with spaces or
 * quotes are written in double quotes with {@code \"} and {@code \\} escaped. Thread-safe.
 */
public final class EventPrinter {

    private static final String NEWLINE = System.lineSeparator();

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private Scheduler holder;
    private long holdMillis;
    private boolean flushQueued;

    public EventPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * From now on a line is written at most {@code millis} later, by a task on {@code scheduler} (an event loop),
     * together with the lines of that time: one write for several events instead of one each, where a busy
     * answering UA would otherwise spend a system call per event. Until then each line is written at once;
     * {@link #flush()} writes the held ones.
     */
    public synchronized void holdLines(Scheduler scheduler, long millis) {
        this.holder = scheduler;
        this.holdMillis = millis;
    }

    public synchronized void event(String name, String... keyValues) {
        StringBuilder sb = new StringBuilder(96);
        sb.append((System.nanoTime() - start) / 1_000_000L).append(' ').append(name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            sb.append(' ').append(keyValues[i]).append('=');
            appendValue(sb, keyValues[i + 1]);
        }
        out.print(sb.append(NEWLINE)); // print, not println: an auto-flushing writer flushes only on println
        if (holder == null) {
            out.flush();
        } else if (!flushQueued) {
            flushQueued = true;
            try {
                holder.schedule(holdMillis, this::flushHeld);
            } catch (RejectedExecutionException e) { // the loop has stopped: write now
                flushQueued = false;
                out.flush();
            }
        }
    }

    private synchronized void flushHeld() {
        flushQueued = false;
        out.flush();
    }

    /** Writes every held line now. */
    public synchronized void flush() {
        out.flush();
    }

    static void appendValue(StringBuilder sb, String v) {
        if (v == null) {
            sb.append('-');
            return;
        }
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c > ' ' && c != '"' && c != '\\' && c != 127;
        }
        if (plain) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c < ' ' ? ' ' : c);
        }
        sb.append('"');
    }
}
