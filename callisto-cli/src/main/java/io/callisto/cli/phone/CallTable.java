package io.callisto.cli.phone;

import io.callisto.ua.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The phone's calls, numbered from 1 in the order they appeared, and which one is current (what a command without a
 * call number acts on). Calls stay listed after they end, for {@code history}. Thread-safe: lines are added from
 * owner threads and read by the console.
 */
final class CallTable {

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private volatile Line current;

    /** Adds a call and makes it current. */
    synchronized Line add(Call call, String peer, boolean outgoing, long nowMillis) {
        Line line = new Line(lines.size() + 1, call, peer, outgoing, nowMillis);
        lines.add(line);
        current = line;
        return line;
    }

    /** The line of {@code call}, or null. */
    Line of(Call call) {
        for (Line l : lines) {
            if (l.call == call) {
                return l;
            }
        }
        return null;
    }

    /** Makes {@code line} the current call (after answer or resume). */
    void touch(Line line) {
        current = line;
    }

    /**
     * The call a command means: call {@code n} when given (n &gt; 0), else the current one if it is still up, else
     * the most recent call that is up. Throws with a message for the user when there is none.
     */
    Line select(int n) {
        if (n > 0) {
            if (n > lines.size()) {
                throw new IllegalArgumentException("there is no call " + n);
            }
            Line l = lines.get(n - 1);
            if (!l.isUp()) {
                throw new IllegalArgumentException("call " + n + " has ended");
            }
            return l;
        }
        Line c = current;
        if (c != null && c.isUp()) {
            return c;
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).isUp()) {
                return lines.get(i);
            }
        }
        throw new IllegalArgumentException("there is no call");
    }

    /** The incoming call that {@code answer} or {@code reject} without a number means: the oldest unanswered one. */
    Line selectIncoming(int n) {
        if (n > 0) {
            Line l = select(n);
            if (!l.isIncomingUnanswered()) {
                throw new IllegalArgumentException("call " + n + " is not an unanswered incoming call");
            }
            return l;
        }
        for (Line l : lines) {
            if (l.isIncomingUnanswered()) {
                return l;
            }
        }
        throw new IllegalArgumentException("no incoming call is waiting");
    }

    /** The other call that is up, for {@code attended n} without m; throws unless there is exactly one. */
    Line otherThan(Line line) {
        Line found = null;
        for (Line l : lines) {
            if (l != line && l.isUp()) {
                if (found != null) {
                    throw new IllegalArgumentException("several other calls are up: say which (attended n m)");
                }
                found = l;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("attended transfer needs a second call");
        }
        return found;
    }

    /** The calls that are up, in number order. */
    List<Line> active() {
        List<Line> up = new ArrayList<>();
        for (Line l : lines) {
            if (l.isUp()) {
                up.add(l);
            }
        }
        return up;
    }

    /** Every call of this run, in number order. */
    List<Line> all() {
        return List.copyOf(lines);
    }

    /** How many calls have ended. */
    int endedCount() {
        int n = 0;
        for (Line l : lines) {
            if (!l.isUp()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The status line's fields: {@code registered} (yes, no, or off without a registrar) and {@code calls} (the
     * calls that are up: {@code "1 out sip:bob@example.com confirmed, 2 in sip:carol@example.com held"}, or
     * {@code none}).
     */
    String[] status(String registered) {
        StringBuilder calls = new StringBuilder();
        for (Line l : active()) {
            if (!calls.isEmpty()) {
                calls.append(", ");
            }
            calls.append(l.summary());
        }
        return new String[] {"registered", registered, "calls", calls.isEmpty() ? "none" : calls.toString()};
    }
}
