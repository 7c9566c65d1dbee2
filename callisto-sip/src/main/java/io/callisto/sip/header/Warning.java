package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * One Warning header value (RFC 3261 §20.43, §25.1):
 * {@code warning-value = warn-code SP warn-agent SP warn-text}, with a three-digit code, the agent as a hostport
 * or pseudonym token and a quoted text, e.g. {@code 307 isi.edu "Session parameter 'foo' not understood"}.
 * Immutable.
 */
public final class Warning {
    /** 399: a miscellaneous warning (§20.43). */
    public static final int MISCELLANEOUS = 399;

    private final int code;
    private final String agent;
    private final String text;
    private final String quoted;

    /**
     * @param code  100 to 999 (SIP defines 3xx codes)
     * @param agent a host, host:port or pseudonym token
     * @param text  the warning text, unquoted (no CR or LF)
     * @throws IllegalArgumentException when the code is not three digits, the agent is empty or has spaces, or
     *     the text has a line break
     */
    public Warning(int code, String agent, String text) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("warn-code must have 3 digits: " + code);
        }
        Objects.requireNonNull(agent, "agent");
        if (agent.isEmpty() || agent.chars().anyMatch(ch -> ch <= ' ' || ch > 0x7e)) {
            throw new IllegalArgumentException("warn-agent must be a host or token: " + agent);
        }
        this.code = code;
        this.agent = agent;
        this.text = Objects.requireNonNull(text, "text");
        this.quoted = MoreScalars.quote(text);
    }

    private Warning(int code, String agent, String text, String quoted) {
        this.code = code;
        this.agent = agent;
        this.text = text;
        this.quoted = quoted;
    }

    /** The warn-code, e.g. 307. */
    public int code() {
        return code;
    }

    /** The warn-agent as written: hostport or pseudonym. */
    public String agent() {
        return agent;
    }

    /** The warn-text without quotes (quoted-pairs resolved, line folds made one space). */
    public String text() {
        return text;
    }

    static Warning parse(Cursor c) {
        int at = c.pos;
        int code = 0;
        for (int i = 0; i < 3; i++) {
            if (!Chars.isDigit(c.peek())) {
                throw c.error("3-digit warn-code expected", at);
            }
            code = code * 10 + c.peek() - '0';
            c.pos++;
        }
        if (Chars.isDigit(c.peek())) {
            throw c.error("warn-code longer than 3 digits", at);
        }
        if (code < 100) {
            throw c.error("warn-code out of range (100-999)", at);
        }
        if (!c.skipLws()) {
            throw c.error("space expected after warn-code");
        }
        String agent = agent(c);
        if (!c.skipLws()) {
            throw c.error("space expected after warn-agent");
        }
        if (c.peek() != '"') {
            throw c.error("quoted warn-text expected");
        }
        int textAt = c.pos;
        String text = c.quotedString();
        return new Warning(code, agent, text, c.utf8(textAt, c.pos));
    }

    /** warn-agent = hostport / pseudonym; a hostname is a token, so a token with an optional :port covers both. */
    private static String agent(Cursor c) {
        int from = c.pos;
        if (c.peek() == '[') {
            HostPort.host(c);
        } else {
            int end = c.tokenEnd();
            if (end == from) {
                throw c.error("warn-agent expected");
            }
            c.pos = end;
        }
        HostPort.optionalPort(c);
        return c.ascii(from, c.pos);
    }

    @Override
    public String toString() {
        return code + " " + agent + " " + quoted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Warning w && w.code == code && w.agent.equalsIgnoreCase(agent) && w.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, agent.toLowerCase(java.util.Locale.ROOT), text);
    }
}
