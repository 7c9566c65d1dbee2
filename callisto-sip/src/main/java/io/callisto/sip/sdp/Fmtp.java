package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The value of an {@code a=fmtp:<format> <format specific parameters>} attribute (RFC 8866 §6.15).
 *
 * <p>The parameters are kept as written. Most payload formats write them as {@code name=value} pairs separated
 * by ";" (the default mapping of media type parameters, RFC 4855 §3); {@link #parameterMap()} reads them so.
 * Others, such as telephone-event's "0-15" (RFC 4733 §2.4.1), are a plain string.
 *
 * @param format     the format (payload type) the parameters apply to
 * @param parameters the format-specific parameters, as written
 */
public record Fmtp(String format, String parameters) {

    private static final String CTX = "bad fmtp";

    /**
     * Checks the format is a token and the parameters a non-empty byte-string.
     *
     * @throws IllegalArgumentException when they are not
     */
    public Fmtp {
        Fields.require(Fields.isToken(format), "format must be a token");
        Fields.require(parameters != null && !parameters.isEmpty() && Fields.isByteString(parameters),
                "parameters must be a non-empty byte-string");
    }

    /**
     * Parses an fmtp attribute value (the text after "a=fmtp:").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the §6.15 grammar
     */
    public static Fmtp parse(String value) {
        return parse(Cursor.of(value));
    }

    static Fmtp parse(Cursor c) {
        int p = c.pos;
        while (p < c.end && !Fields.isWs(c.b[p])) {
            p++;
        }
        String format = Fields.token(c, c.pos, p, CTX, "format");
        int q = p;
        while (q < c.end && Fields.isWs(c.b[q])) {
            q++;
        }
        if (q == p && q < c.end) {
            throw Fields.error(CTX, "space expected after format", q);
        }
        if (q == c.end) {
            throw Fields.error(CTX, "parameters expected", q);
        }
        return new Fmtp(format, c.utf8(q, c.end));
    }

    /**
     * The parameters read as {@code name=value} pairs separated by ";", in order, names and values trimmed;
     * a part without "=" maps to "". Later duplicates win.
     */
    public Map<String, String> parameterMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String part : parameters.split(";")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                map.put(p, "");
            } else {
                map.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The value of the named parameter (names compared ignoring case, RFC 4855 §3), if present. */
    public Optional<String> parameter(String name) {
        for (Map.Entry<String, String> e : parameterMap().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The value in canonical form, as written after "a=fmtp:". */
    @Override
    public String toString() {
        return format + ' ' + parameters;
    }

    /** This fmtp as an attribute. */
    public Attribute toAttribute() {
        return Attribute.of(Attribute.FMTP, toString());
    }
}
