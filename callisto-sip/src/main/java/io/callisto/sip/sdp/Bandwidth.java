package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;

/**
 * A bandwidth field, {@code b=<bwtype>:<bandwidth>} (RFC 8866 §5.8). The value is in kilobits per second for
 * the types defined there ("CT", "AS"); other types may define other units (e.g. RFC 3556's "RS" and "RR" are in
 * bits per second).
 *
 * @param type  the bandwidth type, a token such as "AS" or "CT"
 * @param value the bandwidth, non-negative
 */
public record Bandwidth(String type, long value) {

    private static final String CTX = "bad b= line";

    /** Conference total (§5.8). */
    public static final String CT = "CT";
    /** Application specific maximum (§5.8). */
    public static final String AS = "AS";

    /**
     * Checks the subfields against the §9 grammar.
     *
     * @throws IllegalArgumentException when the type is not a token or the value is negative
     */
    public Bandwidth {
        Fields.require(Fields.isToken(type), "bwtype must be a token");
        Fields.require(value >= 0, "bandwidth must not be negative");
    }

    /**
     * Parses the value of a b= line (the text after "b=").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the grammar
     */
    public static Bandwidth parse(String value) {
        return parse(Cursor.of(value));
    }

    static Bandwidth parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length != 2) {
            throw Fields.error(CTX, "expected <bwtype>:<bandwidth>", f.length > 2 ? f[2] : c.end);
        }
        int colon = f[0];
        while (colon < f[1] && c.b[colon] != ':') {
            colon++;
        }
        String type = Fields.token(c, f[0], colon, CTX, "bandwidth type");
        if (colon == f[1]) {
            throw Fields.error(CTX, "':' expected after bandwidth type", colon);
        }
        long v = Fields.number(c, colon + 1, f[1], CTX, "bandwidth", 18);
        return new Bandwidth(type, v);
    }

    /** The value in canonical form, as written after "b=". */
    @Override
    public String toString() {
        return type + ':' + value;
    }
}
