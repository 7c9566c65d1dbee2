package io.callisto.cli;

import java.io.PrintWriter;

/**
 * One line per event: milliseconds since start, the event name, then {@code key=value} pairs; values with spaces or
 * quotes are written in double quotes with {@code \"} and {@code \\} escaped. Thread-safe.
 */
public final class EventPrinter {

    private final PrintWriter out;
    private final long start = System.nanoTime();

    public EventPrinter(PrintWriter out) {
        this.out = out;
    }

    public synchronized void event(String name, String... keyValues) {
        StringBuilder sb = new StringBuilder(96);
        sb.append((System.nanoTime() - start) / 1_000_000L).append(' ').append(name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            sb.append(' ').append(keyValues[i]).append('=');
            appendValue(sb, keyValues[i + 1]);
        }
        out.println(sb);
        out.flush();
    }

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
