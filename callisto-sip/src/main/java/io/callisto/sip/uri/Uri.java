package io.callisto.sip.uri;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A URI as found in a SIP message: a {@link SipUri} (sip: and sips:, RFC 3261 §19.1), a {@link TelUri}
 * (tel:, RFC 3966) or an {@link AbsoluteUri} of any other scheme (RFC 3261 §25.1 {@code absoluteURI},
 * RFC 3986 §3).
 *
 * <p>URIs are immutable. A parsed URI remembers its text, and {@link #toString()} gives back exactly the
 * characters that were parsed; a built or modified URI writes itself correctly escaped.
 *
 * <p>Parsing is total and linear: whatever the input, {@link #parse(byte[], int, int)} returns a URI or throws
 * a {@link ParseError}, never another exception (given a valid range).
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case, e.g. "sip", "sips", "tel", "urn". */
    String scheme();

    /**
     * The wire form: for a parsed URI exactly the text that was parsed; for a built or modified one, the
     * correctly escaped text.
     */
    @Override
    String toString();

    /**
     * Whether this URI and {@code other} are equivalent: RFC 3261 §19.1.4 for sip/sips, RFC 3966 §4 for tel,
     * and for other schemes the same scheme (ignoring case) and the same scheme-specific part, character for
     * character. URIs of different schemes are never equivalent. Note that §19.1.4 equivalence is not
     * transitive, so it is not {@link Object#equals(Object)} (which compares the text).
     *
     * @param other another URI, or null (never equivalent)
     */
    boolean equivalent(Uri other);

    /**
     * Parses a whole string as one URI. Error offsets index the string's UTF-8 encoding (for the ASCII text a
     * URI is made of, that is the char index).
     *
     * @throws ParseError when {@code s} is not exactly one valid URI
     */
    static Uri parse(String s) {
        Objects.requireNonNull(s, "s");
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return UriParser.parse(b, 0, b.length, b.length == s.length() ? s : null);
    }

    /**
     * Parses {@code b[from, to)} as exactly one URI; no surrounding whitespace is allowed.
     *
     * @throws ParseError when the range is not one valid URI; its offset is absolute into {@code b}
     * @throws IndexOutOfBoundsException when the range is not within {@code b}
     */
    static Uri parse(byte[] b, int from, int to) {
        Objects.checkFromToIndex(from, to, b.length);
        return UriParser.parse(b, from, to, null);
    }
}
