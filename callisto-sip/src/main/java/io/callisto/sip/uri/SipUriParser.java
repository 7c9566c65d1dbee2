package io.callisto.sip.uri;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;

/**
 * One-pass parser for the SIP-URI and SIPS-URI rules of RFC 3261 §25.1 (components described in §19.1.1):
 *
 * <pre>
 * SIP-URI   =  "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 * userinfo  =  ( user / telephone-subscriber ) [ ":" password ] "@"
 * hostport  =  host [ ":" port ]
 * uri-parameters = *( ";" uri-parameter )      ; pname [ "=" pvalue ], both 1*paramchar
 * headers   =  "?" header *( "&amp;" header )     ; hname "=" hvalue
 * </pre>
 *
 * <p>Since '@' may appear in no component but userinfo, the first '@' (if any) ends the userinfo; the user
 * ends at the first ':' before it. Every '%' must start a valid {@code "%" HEX HEX} escape wherever the ABNF
 * allows {@code escaped} (RFC 4475 §3.1.1.5 only lets '%' stand alone where "escaped" is not part of the
 * rule); {@code %00} is a valid escape (RFC 4475 §3.1.1.4). URI headers are accepted in every context: the
 * Request-URI restriction of RFC 3261 Table 1 is the caller's to enforce. A parameter name that appears twice
 * (which §19.1.1 forbids) is accepted; lookups find the first. Whitespace is never skipped (RFC 4475
 * §3.1.2.8 lwsruri).
 *
 * <p>The parser records offsets only; {@link SipUri} cuts its components out of the text on demand.
 */
final class SipUriParser {
    private SipUriParser() {}

    /**
     * Parses {@code b[from, to)}, whose scheme ("sip" or "sips", any case) the caller has recognised.
     *
     * @param text the range as a String, or null to build it from the bytes
     * @throws ParseError with an offset absolute into {@code b}
     */
    static SipUri parse(byte[] b, int from, int to, String text, boolean secure) {
        int p = from + (secure ? 5 : 4);
        int at = p;
        while (at < to && b[at] != '@') {
            at++;
        }
        int userEnd = -1;
        int passwordStart = -1;
        int hostStart = p;
        if (at < to) {
            int end = scan(b, p, at, Escaping.USER);
            if (end == p) {
                boolean empty = end == at || b[end] == ':';
                throw new ParseError(empty ? "empty user part" : "invalid character in user part", end);
            }
            if (end < at) {
                if (b[end] != ':') {
                    throw new ParseError("invalid character in user part", end);
                }
                passwordStart = end + 1;
                int pwEnd = scan(b, passwordStart, at, Escaping.PASSWORD);
                if (pwEnd < at) {
                    throw new ParseError("invalid character in password", pwEnd);
                }
            }
            userEnd = end;
            hostStart = at + 1;
        }
        int hostEnd = HostParser.parse(b, hostStart, to);
        p = hostEnd;
        int port = -1;
        if (p < to && b[p] == ':') {
            p++;
            int start = p;
            port = 0;
            while (p < to && Chars.isDigit(b[p])) {
                port = port * 10 + b[p] - '0';
                if (port > 65535) {
                    throw new ParseError("port out of range", start);
                }
                p++;
            }
            if (p == start) {
                throw new ParseError("port expected", p);
            }
        }
        int paramsStart = p;
        while (p < to && b[p] == ';') {
            int name = p + 1;
            p = scan(b, name, to, Escaping.PARAM);
            if (p == name) {
                throw expected("URI parameter name expected", b, p, to);
            }
            if (p < to && b[p] == '=') {
                int value = p + 1;
                p = scan(b, value, to, Escaping.PARAM);
                if (p == value) {
                    throw expected("URI parameter value expected", b, p, to);
                }
            }
        }
        int headersStart = p;
        if (p < to && b[p] == '?') {
            do {
                int name = p + 1;
                p = scan(b, name, to, Escaping.HNV);
                if (p == name) {
                    throw expected("URI header name expected", b, p, to);
                }
                if (p >= to || b[p] != '=') {
                    throw expected("'=' expected after URI header name", b, p, to);
                }
                p = scan(b, p + 1, to, Escaping.HNV);
            } while (p < to && b[p] == '&');
        }
        if (p < to) {
            throw new ParseError(unexpected(b[p], headersStart < p || paramsStart < headersStart), p);
        }
        if (text == null) {
            text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return new SipUri(text, secure, rel(userEnd, from), rel(passwordStart, from), hostStart - from,
                hostEnd - from, port, paramsStart - from, headersStart - from);
    }

    /**
     * Consumes bytes of the given classes and valid escapes from {@code p}; returns where that run ends.
     * A '%' without two hex digits is an error (RFC 3261 §25.1 {@code escaped}).
     */
    static int scan(byte[] b, int p, int to, int flags) {
        while (p < to) {
            int c = b[p];
            if (c == '%') {
                if (p + 2 >= to || Chars.hexValue(b[p + 1]) < 0 || Chars.hexValue(b[p + 2]) < 0) {
                    throw new ParseError("invalid escape sequence", p);
                }
                p += 3;
            } else if (Chars.is(c, flags)) {
                p++;
            } else {
                break;
            }
        }
        return p;
    }

    private static String unexpected(int c, boolean afterParams) {
        if (isSpace(c)) {
            return "whitespace in URI";
        }
        return afterParams ? "invalid character in URI parameter or header" : "invalid character after host";
    }

    /** The error for a missing element at {@code p}, naming whitespace when that is what stands there. */
    private static ParseError expected(String reason, byte[] b, int p, int to) {
        return new ParseError(p < to && isSpace(b[p]) ? "whitespace in URI" : reason, p);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static int rel(int offset, int from) {
        return offset < 0 ? -1 : offset - from;
    }
}
