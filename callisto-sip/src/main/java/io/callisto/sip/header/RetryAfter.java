package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The Retry-After header value (RFC 3261 §20.33, §25.1):
 * {@code delta-seconds [ comment ] *( SEMI retry-param )} with {@code retry-param = ("duration" EQUAL
 * delta-seconds) / generic-param}, e.g. {@code 120 (I'm in a meeting)} or {@code 18000;duration=3600}. Immutable.
 */
public final class RetryAfter {
    /** Comments nest (§25.1); deeper than this is not a comment anyone means. */
    static final int MAX_COMMENT_DEPTH = 16;

    private final long seconds;
    private final String comment;
    private final Parameters parameters;

    /**
     * @param seconds  delta-seconds, 0 to 2^32-1
     * @param comment  the comment text without its parentheses, or null
     * @param parameters the retry-params (may be null)
     * @throws IllegalArgumentException when a value is out of range or the comment has unbalanced parentheses
     */
    public RetryAfter(long seconds, String comment, Parameters parameters) {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Retry-After out of range: " + seconds);
        }
        if (comment != null && !balanced(comment)) {
            throw new IllegalArgumentException("unbalanced parentheses in comment: " + comment);
        }
        this.seconds = seconds;
        this.comment = comment;
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        String d = this.parameters.get("duration");
        if (this.parameters.has("duration") && MoreScalars.deltaSeconds(d) < 0) {
            throw new IllegalArgumentException("duration must be delta-seconds: " + d);
        }
    }

    public static RetryAfter of(long seconds) {
        return new RetryAfter(seconds, null, Parameters.EMPTY);
    }

    /** How long to wait before retrying, in seconds. */
    public long seconds() {
        return seconds;
    }

    /** The comment as written between the outer parentheses, or null. */
    public String comment() {
        return comment;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The duration parameter (how long the callee will be available), or -1 when absent. */
    public long duration() {
        return MoreScalars.deltaSeconds(parameters.get("duration"));
    }

    static RetryAfter parse(Cursor c) {
        long seconds = Scalars.deltaSeconds(c);
        String comment = null;
        int save = c.pos;
        c.skipLws();
        if (c.peek() == '(') {
            comment = comment(c);
        } else {
            c.pos = save;
        }
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        MoreScalars.checkDeltaParam(c, p, "duration", at);
        return new RetryAfter(seconds, comment, p);
    }

    /**
     * comment = LPAREN *(ctext / quoted-pair / comment) RPAREN, at the '('. Returns the text between the outer
     * parentheses, as written except that each line fold becomes one space.
     */
    static String comment(Cursor c) {
        int open = c.pos;
        c.pos++;
        int depth = 1;
        boolean folded = false;
        while (true) {
            if (c.atEnd()) {
                throw c.error("unterminated comment", open);
            }
            int x = c.peek();
            if (x == '(') {
                if (++depth > MAX_COMMENT_DEPTH) {
                    throw c.error("comment nested too deeply");
                }
                c.pos++;
            } else if (x == ')') {
                c.pos++;
                if (--depth == 0) {
                    String text = c.utf8(open + 1, c.pos - 1);
                    return folded ? text.replaceAll("\r?\n[ \t]+", " ") : text;
                }
            } else if (x == '\\') {
                int q = c.peek(1);
                if (q < 0 || q == '\r' || q == '\n' || q > 0x7f) {
                    throw c.error(q < 0 ? "unterminated comment" : "invalid quoted-pair in comment");
                }
                c.pos += 2;
            } else if (x == '\r' || x == '\n') {
                if (!c.skipLws()) {
                    throw c.error("line break in comment");
                }
                folded = true;
            } else if (x < 0x20 && x != '\t' || x == 0x7f) {
                throw c.error("control character in comment");
            } else {
                c.pos++;
            }
        }
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char x = s.charAt(i);
            if (x == '\\') {
                if (++i == s.length() || s.charAt(i) == '\r' || s.charAt(i) == '\n') {
                    return false;
                }
            } else if (x == '(') {
                depth++;
            } else if (x == ')' && --depth < 0 || x == '\r' || x == '\n') {
                return false;
            }
        }
        return depth == 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32).append(seconds);
        if (comment != null) {
            sb.append(" (").append(comment).append(')');
        }
        return parameters.appendTo(sb).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryAfter r && r.seconds == seconds && Objects.equals(r.comment, comment)
                && r.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, comment, parameters);
    }
}
