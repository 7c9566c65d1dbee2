package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.uri.Uri;
import java.util.Objects;

/**
 * One value of Call-Info, Alert-Info or Error-Info (RFC 3261 §20.9, §20.4, §20.18; §25.1
 * {@code LAQUOT absoluteURI RAQUOT *( SEMI generic-param )}): a URI in angle brackets with parameters, e.g.
 * {@code <http://www.example.com/alice/photo.jpg>;purpose=icon}. The URI is checked for a scheme and for
 * characters no URI contains; it is parsed in full on first access to {@link #uri()}. Immutable.
 */
public final class InfoUri {
    private final String uriText;
    private final Parameters parameters;
    private volatile Uri uri;

    private InfoUri(String uriText, Parameters parameters, Uri uri) {
        this.uriText = uriText;
        this.parameters = parameters;
        this.uri = uri;
    }

    /** A value for {@code uri} with the given parameters (may be null). */
    public static InfoUri of(Uri uri, Parameters parameters) {
        return new InfoUri(uri.toString(), parameters == null ? Parameters.EMPTY : parameters, uri);
    }

    /** The URI text as written, without the angle brackets. */
    public String uriText() {
        return uriText;
    }

    /** The URI, parsed on first access. Throws {@link io.callisto.sip.parse.ParseError} if it is malformed. */
    public Uri uri() {
        Uri u = uri;
        if (u == null) {
            u = Uri.parse(uriText);
            uri = u;
        }
        return u;
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The purpose parameter of Call-Info (icon, info, card or a token), or null. */
    public String purpose() {
        return parameters.unquoted("purpose");
    }

    public InfoUri withParameter(String name, String value) {
        return new InfoUri(uriText, parameters.with(name, value), uri);
    }

    static InfoUri parse(Cursor c) {
        if (!c.accept('<')) {
            throw c.error("'<' expected before URI");
        }
        int from = c.pos;
        if (!Chars.is(c.peek(), Chars.ALPHA)) {
            throw c.error(c.peek() == '>' ? "empty URI in angle brackets" : "URI scheme expected");
        }
        int p = from + 1;
        while (p < c.end && (Chars.is(c.b[p], Chars.ALPHA | Chars.DIGIT) || c.b[p] == '+' || c.b[p] == '-'
                || c.b[p] == '.')) {
            p++;
        }
        if (p >= c.end || c.b[p] != ':') {
            throw c.error("':' expected after URI scheme", p);
        }
        while (p < c.end && c.b[p] != '>') {
            int x = c.b[p] & 0xff;
            if (x <= ' ' || x >= 0x7f || x == '<' || x == '"') {
                throw c.error("invalid character in URI", p);
            }
            p++;
        }
        if (p >= c.end) {
            throw c.error("'>' expected to close the URI", from - 1);
        }
        String text = c.ascii(from, p);
        c.pos = p + 1;
        return new InfoUri(text, ParamParser.parse(c), null);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(64).append('<').append(uriText).append('>')).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoUri i && i.uriText.equals(uriText) && i.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uriText, parameters);
    }
}
