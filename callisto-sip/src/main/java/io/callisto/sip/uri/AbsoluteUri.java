package io.callisto.sip.uri;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A URI of a scheme other than sip, sips and tel (RFC 3261 §25.1 {@code absoluteURI}, RFC 3986 §3), such as
 * {@code urn:service:sos}, {@code http://www.example.com} or {@code isbn:2983792873}. SIP must accept these
 * where a URI may appear (RFC 4475 §3.3.2-§3.3.4: unkscm, novelsc, unksm2); what to do with them is up to the
 * application (e.g. 416 Unsupported URI Scheme).
 *
 * <p>The text is kept exactly as written. The scheme-specific part must be non-empty and may not contain
 * whitespace, control characters, non-ASCII bytes, or the delimiters {@code < > "} (none of which a URI
 * may hold unescaped, RFC 3986 §2, and which would break the framing of a name-addr).
 */
public final class AbsoluteUri implements Uri {
    private final String text;
    private final int colon;
    private final String scheme;

    private AbsoluteUri(String text, int colon) {
        this.text = text;
        this.colon = colon;
        this.scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    /** Parses {@code b[from, to)} whose valid scheme ends with the ':' at {@code colon}. */
    static AbsoluteUri parse(byte[] b, int from, int to, int colon, String text) {
        if (colon + 1 >= to) {
            throw new ParseError("empty URI after scheme", colon + 1);
        }
        for (int p = colon + 1; p < to; p++) {
            int c = b[p] & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                throw new ParseError(c == ' ' || c == '\t' ? "whitespace in URI" : "invalid character in URI", p);
            }
        }
        if (text == null) {
            text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return new AbsoluteUri(text, colon - from);
    }

    /**
     * Parses a string that must be exactly one URI of a scheme other than sip, sips and tel.
     *
     * @throws ParseError when it is not valid, or is a SIP, SIPS or tel URI
     */
    public static AbsoluteUri parse(String s) {
        if (Uri.parse(s) instanceof AbsoluteUri a) {
            return a;
        }
        throw new ParseError("URI of a scheme other than sip, sips and tel expected", 0);
    }

    @Override
    public String scheme() {
        return scheme;
    }

    /** Everything after the scheme's ':', as written (e.g. "//192.0.2.103:3002"). */
    public String schemeSpecificPart() {
        return text.substring(colon + 1);
    }

    /** Same scheme (case-insensitive) and character-for-character the same scheme-specific part. */
    @Override
    public boolean equivalent(Uri other) {
        int n = text.length() - colon;
        return other instanceof AbsoluteUri a && scheme.equals(a.scheme) && n == a.text.length() - a.colon
                && text.regionMatches(colon, a.text, a.colon, n);
    }

    @Override
    public String toString() {
        return text;
    }

    /** True when {@code o} is an absolute URI with the same text. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AbsoluteUri a && text.equals(a.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
