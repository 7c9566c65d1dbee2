package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * One Reason header value (RFC 3326 §2): {@code protocol *(SEMI reason-params)} with protocol SIP, Q.850 or a
 * token, {@code cause = 1*DIGIT} and {@code text = quoted-string}, e.g.
 * {@code SIP ;cause=200 ;text="Call completed elsewhere"}. Immutable.
 */
public final class Reason {
    /** Largest cause accepted (causes are SIP status codes or Q.850 cause values). */
    static final int MAX_CAUSE = 99_999;

    private final String protocol;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when protocol is not a token or cause is not a number up to 99999
     */
    public Reason(String protocol, Parameters parameters) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        if (!Chars.isToken(protocol)) {
            throw new IllegalArgumentException("protocol must be a token: " + protocol);
        }
        if (this.parameters.has("cause") && cause(this.parameters.get("cause")) < 0) {
            throw new IllegalArgumentException("cause must be a number: " + this.parameters.get("cause"));
        }
    }

    /** {@code protocol;cause=cause;text="text"} (text may be null). */
    public static Reason of(String protocol, int cause, String text) {
        Parameters p = Parameters.ofPairs("cause", Integer.toString(cause));
        return new Reason(protocol, text == null ? p : p.with("text", MoreScalars.quote(text)));
    }

    /** The protocol as written, e.g. "SIP" or "Q.850". */
    public String protocol() {
        return protocol;
    }

    /** The cause (a SIP status code for protocol SIP, a Q.850 cause value for Q.850), or -1 when absent. */
    public int cause() {
        return cause(parameters.get("cause"));
    }

    /** The text parameter without quotes, or null. */
    public String text() {
        return parameters.unquoted("text");
    }

    public Parameters parameters() {
        return parameters;
    }

    private static int cause(String v) {
        if (v == null || v.isEmpty() || v.length() > 5) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char d = v.charAt(i);
            if (!Chars.isDigit(d)) {
                return -1;
            }
            n = n * 10 + d - '0';
        }
        return n;
    }

    static Reason parse(Cursor c) {
        String protocol = c.token("reason protocol");
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        if (p.has("cause") && cause(p.get("cause")) < 0) {
            throw c.error("cause must be a number (1*DIGIT, at most 99999)", at);
        }
        return new Reason(protocol, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(48).append(protocol)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reason r && r.protocol.equalsIgnoreCase(protocol) && r.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return protocol.toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
