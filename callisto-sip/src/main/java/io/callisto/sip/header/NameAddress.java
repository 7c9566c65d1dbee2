package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An address with optional display name and header parameters, the value of From, To, Contact, Route,
 * Record-Route, Path, Reply-To, Refer-To, Referred-By and P-Asserted-Identity (RFC 3261 §20.10, §25.1
 * name-addr / addr-spec). The URI is kept as written and parsed on first access to {@link #uri()}.
 * A Contact of {@code *} is the {@link #WILDCARD}. Immutable.
 */
public final class NameAddress {
    /** The {@code Contact: *} value of a REGISTER that removes all bindings (§10.2.2). */
    public static final NameAddress WILDCARD = new NameAddress(null, "*", true, false, Parameters.EMPTY);

    /** The display name once decoded; parsed values decode it from {@code uriSrc[dispFrom, dispTo)} on demand. */
    private String displayName;
    private final int dispFrom;
    private final int dispTo;
    private final boolean dispQuoted;
    private final byte[] uriSrc;
    private final int uriFrom;
    private final int uriTo;
    private final boolean wildcard;
    private final boolean bracketed;
    private final Parameters parameters;
    private volatile Uri uri;

    private NameAddress(String displayName, int dispFrom, int dispTo, boolean dispQuoted, byte[] uriSrc,
            int uriFrom, int uriTo, boolean bracketed, Parameters parameters) {
        this.displayName = displayName;
        this.dispFrom = dispFrom;
        this.dispTo = dispTo;
        this.dispQuoted = dispQuoted;
        this.uriSrc = uriSrc;
        this.uriFrom = uriFrom;
        this.uriTo = uriTo;
        this.wildcard = false;
        this.bracketed = bracketed;
        this.parameters = parameters;
    }

    private NameAddress(String displayName, String uriText, boolean wildcard, boolean bracketed,
            Parameters parameters) {
        this.displayName = displayName;
        this.dispFrom = -1;
        this.dispTo = -1;
        this.dispQuoted = false;
        this.uriSrc = uriText.getBytes(StandardCharsets.UTF_8);
        this.uriFrom = 0;
        this.uriTo = uriSrc.length;
        this.wildcard = wildcard;
        this.bracketed = bracketed;
        this.parameters = parameters;
    }

    /** An address for {@code uri}, written in angle brackets, with no display name or parameters. */
    public static NameAddress of(Uri uri) {
        return of(null, uri, Parameters.EMPTY);
    }

    /** An address with a display name (may be null), the URI, and header parameters. */
    public static NameAddress of(String displayName, Uri uri, Parameters parameters) {
        NameAddress a = new NameAddress(displayName, uri.toString(), false, true,
                parameters == null ? Parameters.EMPTY : parameters);
        a.uri = uri;
        return a;
    }

    /** Parses a complete header value such as {@code "Bob" <sip:bob@example.com>;tag=x}. */
    public static NameAddress parse(String value) {
        Cursor c = Cursor.of(value);
        c.skipLws();
        NameAddress a = parse(c);
        c.expectEnd("address");
        return a;
    }

    /** The display name without quotes, or null. */
    public String displayName() {
        String d = displayName;
        if (d == null && dispFrom >= 0) {
            Cursor c = new Cursor(uriSrc, dispFrom, dispTo);
            d = dispQuoted ? c.quotedString() : collapseWhitespace(c.utf8(dispFrom, dispTo));
            displayName = d;
        }
        return d;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /** The URI, parsed on first access. Throws {@link io.callisto.sip.parse.ParseError} if it is malformed. */
    public Uri uri() {
        if (wildcard) {
            throw new io.callisto.sip.parse.ParseError("wildcard Contact has no URI");
        }
        Uri u = uri;
        if (u == null) {
            u = Uri.parse(uriSrc, uriFrom, uriTo);
            uri = u;
        }
        return u;
    }

    /** The URI text as written (without the angle brackets). */
    public String uriText() {
        return new String(uriSrc, uriFrom, uriTo - uriFrom, StandardCharsets.UTF_8);
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The tag parameter (From/To, §19.3), or null. */
    public String tag() {
        return parameters.get("tag");
    }

    public NameAddress withParameter(String name, String value) {
        return copy(parameters.with(name, value));
    }

    public NameAddress withoutParameter(String name) {
        return copy(parameters.without(name));
    }

    public NameAddress withTag(String tag) {
        return withParameter("tag", tag);
    }

    private NameAddress copy(Parameters p) {
        NameAddress a = wildcard ? new NameAddress(null, "*", true, false, p)
                : new NameAddress(displayName, dispFrom, dispTo, dispQuoted, uriSrc, uriFrom, uriTo,
                        bracketed || !p.isEmpty(), p);
        a.uri = uri;
        return a;
    }

    /** Parses name-addr / addr-spec followed by header parameters, leaving the cursor after them. */
    static NameAddress parse(Cursor c) {
        int start = c.pos;
        if (c.peek() == '*') {
            c.pos++;
            Parameters p = ParamParser.parse(c);
            return new NameAddress(null, "*", true, false, p);
        }
        int dispFrom = -1;
        int dispTo = -1;
        boolean quoted = c.peek() == '"';
        if (quoted) {
            dispFrom = c.pos;
            c.skipQuotedString();
            dispTo = c.pos;
            c.skipLws();
            if (c.peek() != '<') {
                throw c.error("'<' expected after quoted display name");
            }
        } else if (c.peek() != '<') {
            int p = scanDisplayTokens(c);
            if (p >= 0) {
                dispFrom = start;
                dispTo = trimEnd(c.b, start, p);
                c.pos = p;
            }
        }
        if (c.accept('<')) {
            int from = c.pos;
            int p = from;
            while (p < c.end && c.b[p] != '>') {
                p++;
            }
            if (p >= c.end) {
                throw c.error("'>' expected to close the URI", from - 1);
            }
            if (p == from) {
                throw c.error("empty URI in angle brackets", from);
            }
            c.pos = p + 1;
            Parameters params = ParamParser.parse(c);
            return new NameAddress(null, dispFrom, dispTo, quoted, c.b, from, p, true, params);
        }
        // addr-spec: the URI ends at ';' (header parameters follow, §20.10), ',' or white space.
        int from = c.pos;
        int p = from;
        while (p < c.end) {
            byte x = c.b[p];
            if (x == ';' || x == ',' || x == ' ' || x == '\t' || x == '\r' || x == '\n') {
                break;
            }
            if (x == '?') {
                throw c.error("a URI with headers must be enclosed in '<' and '>'", p);
            }
            p++;
        }
        if (p == from) {
            throw c.error("address expected");
        }
        int colon = indexOf(c.b, from, p, (byte) ':');
        if (colon < 0) {
            throw c.error("URI scheme expected (a display name with special characters must be quoted)", from);
        }
        c.pos = p;
        Parameters params = ParamParser.parse(c);
        return new NameAddress(null, -1, -1, false, c.b, from, p, false, params);
    }

    /**
     * If the bytes at the cursor are {@code *(token LWS)} followed by '<', returns the position of the '<';
     * otherwise -1 (the value is an addr-spec, or malformed).
     */
    private static int scanDisplayTokens(Cursor c) {
        int p = c.pos;
        while (p < c.end) {
            byte x = c.b[p];
            if (x == '<') {
                return p;
            }
            if (Chars.isToken(x) || x == ' ' || x == '\t') {
                p++;
            } else if (x == '\r' && p + 2 < c.end && c.b[p + 1] == '\n' && Chars.isWsp(c.b[p + 2])) {
                p += 3; // a line fold is white space (§7.3.1)
            } else if (x == '\n' && p + 1 < c.end && Chars.isWsp(c.b[p + 1])) {
                p += 2;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** Runs of white space (line folds included) in an unquoted display name become one space. */
    private static String collapseWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\r' || ch == '\n' || ch == '\t' || ch == ' ' && i + 1 < s.length() && s.charAt(i + 1) <= ' ') {
                return s.replaceAll("[ \t\r\n]+", " ");
            }
        }
        return s;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r' || b[to - 1] == '\n')) {
            to--;
        }
        return to;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64);
        if (wildcard) {
            sb.append('*');
        } else {
            String display = displayName();
            if (display != null) {
                sb.append(Chars.isToken(display) ? display : Parameters.quote(display)).append(' ');
            }
            if (bracketed || display != null) {
                sb.append('<').append(uriText()).append('>');
            } else {
                sb.append(uriText());
            }
        }
        return parameters.appendTo(sb).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddress a && wildcard == a.wildcard && Objects.equals(displayName(), a.displayName())
                && uriText().equals(a.uriText()) && parameters.equals(a.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName(), uriText(), parameters);
    }
}
