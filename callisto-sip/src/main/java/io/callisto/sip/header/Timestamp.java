package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The Timestamp header value (RFC 3261 §20.38, §25.1):
 * {@code 1*(DIGIT) [ "." *(DIGIT) ] [ LWS delay ]} with {@code delay = *(DIGIT) [ "." *(DIGIT) ]}: the time the
 * request was sent, in a unit of the sender's choosing, echoed in the response with the delay the UAS added
 * (§8.2.6.1). Both numbers are kept as written; their unit and precision are the sender's. Immutable.
 */
public final class Timestamp {
    /** Longer numbers are not timestamps. */
    static final int MAX_LENGTH = 40;

    private final String time;
    private final String delay;

    /**
     * @param time  the timestamp as written, e.g. "54" or "1033.2"
     * @param delay the delay as written, or null
     * @throws IllegalArgumentException when either does not follow the grammar
     */
    public Timestamp(String time, String delay) {
        this.time = Objects.requireNonNull(time, "time");
        this.delay = delay;
        if (!isNumber(time, true) || delay != null && (delay.isEmpty() || !isNumber(delay, false))) {
            throw new IllegalArgumentException("not a timestamp: " + time + " " + delay);
        }
    }

    /** The timestamp as written. */
    public String time() {
        return time;
    }

    /** The delay as written, or null when absent. */
    public String delay() {
        return delay;
    }

    /** A copy with the delay set, for the response to a request carrying this timestamp (§8.2.6.1). */
    public Timestamp withDelay(String delay) {
        return new Timestamp(time, delay);
    }

    static Timestamp parse(Cursor c) {
        int from = c.pos;
        if (!Chars.isDigit(c.peek())) {
            throw c.error("timestamp expected");
        }
        number(c);
        String time = c.ascii(from, c.pos);
        String delay = null;
        int save = c.pos;
        if (c.skipLws() && (Chars.isDigit(c.peek()) || c.peek() == '.')) {
            int d = c.pos;
            number(c);
            delay = c.ascii(d, c.pos);
        } else {
            c.pos = save;
        }
        return new Timestamp(time, delay);
    }

    /** *(DIGIT) [ "." *(DIGIT) ], bounded in length. */
    private static void number(Cursor c) {
        int from = c.pos;
        c.skipClass(Chars.DIGIT);
        if (c.accept('.')) {
            c.skipClass(Chars.DIGIT);
        }
        if (c.pos - from > MAX_LENGTH) {
            throw c.error("timestamp too long", from);
        }
    }

    private static boolean isNumber(String s, boolean leadingDigit) {
        if (s.length() > MAX_LENGTH || leadingDigit && (s.isEmpty() || !Chars.isDigit(s.charAt(0)))) {
            return false;
        }
        boolean dot = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '.' && !dot) {
                dot = true;
            } else if (!Chars.isDigit(ch)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return delay == null ? time : time + " " + delay;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timestamp t && t.time.equals(time) && Objects.equals(t.delay, delay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, delay);
    }
}
