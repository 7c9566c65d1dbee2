package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grammar shared by the authentication headers (RFC 3261 §25.1; RFC 7616 §3; RFC 8760 §2.7):
 *
 * <pre>
 * credentials / challenge = auth-scheme LWS auth-param *(COMMA auth-param)
 * auth-param              = auth-param-name EQUAL ( token / quoted-string )
 * </pre>
 *
 * The Digest productions (username, realm, nonce, ...) are all instances of auth-param, so one parser reads every
 * scheme, known or not. Values are kept as written (a quoted-string keeps its quotes). A parameter name may occur
 * once only (RFC 7235 §2.2, RFC 7616 §3.4).
 */
final class AuthParams {
    private AuthParams() {}

    /** More parameters than this in one header value is an attack, not authentication. */
    static final int MAX_PARAMS = 64;

    /** auth-scheme LWS: the scheme token and the white space that must follow it. */
    static String scheme(Cursor c) {
        String scheme = c.token("authentication scheme");
        if (!c.skipLws()) {
            throw c.error(c.atEnd() ? "auth-param expected after authentication scheme"
                    : "space expected after authentication scheme");
        }
        return scheme;
    }

    /**
     * Reads {@code auth-param *(COMMA auth-param)} and stops after the last one. With {@code digest} set, the nc
     * parameter must be {@code 8LHEX} (RFC 3261 §25.1 nc-value; upper-case hex digits are tolerated).
     */
    static Parameters list(Cursor c, boolean digest) {
        String[] pairs = new String[16];
        int n = 0;
        do {
            int at = c.pos;
            if (c.atEnd()) {
                throw c.error(n == 0 ? "auth-param expected" : "auth-param expected after ','");
            }
            if (c.peek() == ',') {
                throw c.error("empty auth-param");
            }
            if (!Chars.isToken(c.peek())) {
                throw c.error("auth-param name expected");
            }
            int nameEnd = c.tokenEnd();
            String name = ParamNames.intern(c, c.pos, nameEnd);
            c.pos = nameEnd;
            if (!c.acceptSep('=')) {
                throw c.error("'=' expected after auth-param name");
            }
            int valueAt = c.pos;
            String value = value(c);
            for (int i = 0; i < n; i++) {
                if (pairs[2 * i].equalsIgnoreCase(name)) {
                    throw c.error("duplicate auth-param " + name, at);
                }
            }
            if (digest && name.equalsIgnoreCase("nc") && !isNonceCount(value)) {
                throw c.error("nc must be 8 hexadecimal digits", valueAt);
            }
            if (n == MAX_PARAMS) {
                throw c.error("too many auth-params", at);
            }
            if (2 * n == pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[2 * n] = name;
            pairs[2 * n + 1] = value;
            n++;
        } while (c.acceptSep(','));
        return Parameters.wrap(pairs, n);
    }

    /** token / quoted-string, as written. */
    private static String value(Cursor c) {
        int start = c.pos;
        if (c.peek() == '"') {
            c.skipQuotedString();
            return c.utf8(start, c.pos);
        }
        int end = c.tokenEnd();
        if (end == start) {
            throw c.error(c.atEnd() || c.peek() == ',' ? "auth-param value expected"
                    : "auth-param value must be a token or a quoted string");
        }
        c.pos = end;
        return c.ascii(start, end);
    }

    private static boolean isNonceCount(String v) {
        if (v.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Chars.hexValue(v.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The nc value as a number, or -1 when absent (the parser has checked its form). */
    static long nonceCount(Parameters p) {
        String v = p.unquoted("nc");
        return v != null && isNonceCount(v) ? Long.parseLong(v, 16) : -1;
    }

    /** True when the value (token or quoted) is "true", in any case (RFC 7616 §3.3 stale, userhash). */
    static boolean flag(Parameters p, String name) {
        return "true".equalsIgnoreCase(p.unquoted(name));
    }

    /**
     * Splits an unquoted value at commas ({@code commas} set: qop-options) or at white space (domain), trimming
     * white space and dropping empty items.
     */
    static List<String> split(String v, boolean commas) {
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            boolean sep = i == v.length()
                    || (commas ? v.charAt(i) == ',' : v.charAt(i) <= ' ');
            if (sep) {
                String item = v.substring(start, i).trim();
                if (!item.isEmpty()) {
                    out.add(item);
                }
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    /** Writes {@code name=value, name=value} as the values were written. */
    static StringBuilder format(StringBuilder sb, Parameters p) {
        for (int i = 0; i < p.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(p.name(i)).append('=').append(p.value(i));
        }
        return sb;
    }

    /** Checks a scheme and parameter list handed to a public constructor. */
    static void checkBuilt(String scheme, Parameters p) {
        if (scheme != null && !Chars.isToken(scheme)) {
            throw new IllegalArgumentException("authentication scheme must be a token: " + scheme);
        }
        for (int i = 0; i < p.size(); i++) {
            if (p.value(i) == null || !Chars.isToken(p.name(i))) {
                throw new IllegalArgumentException("auth-param needs a token name and a value: " + p.name(i));
            }
        }
    }
}
