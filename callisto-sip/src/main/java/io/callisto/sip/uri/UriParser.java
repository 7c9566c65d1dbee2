package io.callisto.sip.uri;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;

/**
 * Reads the scheme of a URI and hands the range to the parser for that scheme.
 *
 * <pre>
 * scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )     ; RFC 3986 §3.1, RFC 3261 §25.1
 * </pre>
 *
 * "sip" and "sips" go to {@link SipUriParser} (RFC 3261 §19.1), "tel" to {@link TelUriParser} (RFC 3966), any
 * other scheme to {@link AbsoluteUri}. Scheme names are case-insensitive (RFC 3986 §3.1), so "SIP:" is a SIP
 * URI. Nothing around the URI is skipped: leading or trailing whitespace and enclosing angle brackets are
 * errors (RFC 4475 §3.1.2.7 ltgtruri, §3.1.2.8 lwsruri, §3.1.2.14 badaspec); skipping them is the business
 * of the header parser that found the URI.
 */
final class UriParser {
    private UriParser() {}

    /**
     * Parses {@code b[from, to)} as exactly one URI.
     *
     * @param text the same range as a String when the caller has it (kept as the URI's text), else null
     * @throws ParseError with an offset absolute into {@code b}
     */
    static Uri parse(byte[] b, int from, int to, String text) {
        int colon = schemeEnd(b, from, to);
        int len = colon - from;
        if (len == 3 && is(b, from, 's', 'i', 'p')) {
            return SipUriParser.parse(b, from, to, text, false);
        }
        if (len == 4 && is(b, from, 's', 'i', 'p') && Chars.lower(b[from + 3]) == 's') {
            return SipUriParser.parse(b, from, to, text, true);
        }
        if (len == 3 && is(b, from, 't', 'e', 'l')) {
            return TelUriParser.parse(b, from, to, text);
        }
        return AbsoluteUri.parse(b, from, to, colon, text);
    }

    /** Position of the ':' that ends the scheme at {@code from}; ParseError when there is no valid scheme. */
    static int schemeEnd(byte[] b, int from, int to) {
        if (from >= to) {
            throw new ParseError("URI expected", from);
        }
        if (!Chars.is(b[from], Chars.ALPHA)) {
            throw new ParseError(Chars.isWsp(b[from]) ? "whitespace before URI" : "URI scheme expected", from);
        }
        int p = from + 1;
        while (p < to) {
            int c = b[p];
            if (c == ':') {
                return p;
            }
            if (!Chars.is(c, Chars.ALPHA | Chars.DIGIT) && c != '+' && c != '-' && c != '.') {
                break;
            }
            p++;
        }
        throw new ParseError(p < to ? "invalid character in URI scheme" : "':' expected after URI scheme", p);
    }

    private static boolean is(byte[] b, int p, char c0, char c1, char c2) {
        return Chars.lower(b[p]) == c0 && Chars.lower(b[p + 1]) == c1 && Chars.lower(b[p + 2]) == c2;
    }
}
