package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.Optional;

/**
 * An attribute field (RFC 8866 §5.13): a property attribute {@code a=<name>} (value null) or a value attribute
 * {@code a=<name>:<value>}.
 *
 * <p>Names are tokens and compared case-sensitively, as RFC 8866 §5 makes every field case-significant unless
 * its definition says otherwise (RFC 4568 §4 repeats it for "crypto"). The value is any byte-string and is kept
 * as written, leading spaces included; typed views of well-known values are given by {@link Rtpmap},
 * {@link Fmtp}, {@link Rtcp}, {@link Crypto} and {@link Direction}.
 *
 * @param name  the attribute name
 * @param value the value, or null for a property attribute; may be empty ("a=name:")
 */
public record Attribute(String name, String value) {

    private static final String CTX = "bad a= line";

    /** "rtpmap" (RFC 8866 §6.6). */
    public static final String RTPMAP = "rtpmap";
    /** "fmtp" (RFC 8866 §6.15). */
    public static final String FMTP = "fmtp";
    /** "ptime" (RFC 8866 §6.4). */
    public static final String PTIME = "ptime";
    /** "maxptime" (RFC 8866 §6.5). */
    public static final String MAXPTIME = "maxptime";
    /** "rtcp" (RFC 3605 §2.1). */
    public static final String RTCP = "rtcp";
    /** "rtcp-mux" (RFC 5761 §5.1.1). */
    public static final String RTCP_MUX = "rtcp-mux";
    /** "crypto" (RFC 4568 §9.1). */
    public static final String CRYPTO = "crypto";

    /**
     * Checks the name is a token and the value a byte-string.
     *
     * @throws IllegalArgumentException when it is not
     */
    public Attribute {
        Fields.require(Fields.isToken(name), "attribute name must be a token");
        Fields.require(value == null || Fields.isByteString(value), "attribute value must not hold NUL, CR or LF");
    }

    /** A property attribute, {@code a=name}. */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** A value attribute, {@code a=name:value}. */
    public static Attribute of(String name, String value) {
        return new Attribute(name, value);
    }

    /**
     * Parses the value of an a= line (the text after "a=").
     *
     * @throws io.callisto.sip.parse.ParseError when the name is not a token followed by ":" or the end
     */
    public static Attribute parse(String text) {
        return parse(Cursor.of(text));
    }

    static Attribute parse(Cursor c) {
        int p = c.pos;
        while (p < c.end && Fields.isTokenChar(c.b[p])) {
            p++;
        }
        if (p == c.pos) {
            throw Fields.error(CTX, "attribute name expected", c.pos);
        }
        String name = c.ascii(c.pos, p);
        if (p == c.end) {
            return new Attribute(name, null);
        }
        if (c.b[p] != ':') {
            throw Fields.error(CTX, "invalid character in attribute name", p);
        }
        return new Attribute(name, c.utf8(p + 1, c.end));
    }

    /** True for a property attribute (no value). */
    public boolean isFlag() {
        return value == null;
    }

    /** The value, if any. */
    public Optional<String> valueIfAny() {
        return Optional.ofNullable(value);
    }

    /** True when this attribute has the given name (case-sensitive). */
    public boolean is(String attributeName) {
        return name.equals(attributeName);
    }

    /** The text in canonical form, as written after "a=". */
    @Override
    public String toString() {
        return value == null ? name : name + ':' + value;
    }
}
