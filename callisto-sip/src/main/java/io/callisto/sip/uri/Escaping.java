package io.callisto.sip.uri;

import io.callisto.sip.internal.Chars;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@code "%" HEX HEX} mechanism of URIs (RFC 3261 §19.1.2, §25.1 {@code escaped}; RFC 2396 §2.4): escaping
 * text for one URI component, resolving escapes, and comparing escaped text without allocating.
 *
 * <p>Text is escaped as UTF-8: every byte outside the component's allowed character classes becomes
 * {@code %XX} with upper-case hex digits.
 */
final class Escaping {
    private Escaping() {}

    /** user = 1*( unreserved / escaped / user-unreserved ) (RFC 3261 §25.1). */
    static final int USER = Chars.UNRESERVED | Chars.USER_UNRESERVED;
    /** password = *( unreserved / escaped / "&amp;" / "=" / "+" / "$" / "," ) (RFC 3261 §25.1). */
    static final int PASSWORD = Chars.PASSWORD;
    /** paramchar = param-unreserved / unreserved / escaped (RFC 3261 §25.1, RFC 3966 §3). */
    static final int PARAM = Chars.PARAM_UNRESERVED | Chars.UNRESERVED;
    /** hname and hvalue = *( hnv-unreserved / unreserved / escaped ) (RFC 3261 §25.1). */
    static final int HNV = Chars.HNV_UNRESERVED | Chars.UNRESERVED;

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    /** Escapes {@code s} (as UTF-8) so that only bytes in {@code flags} stay literal. */
    static String escape(String s, int flags) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == '%' || !Chars.is(c, flags)) {
                break;
            }
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            if (x >= 0 && x != '%' && Chars.is(x, flags)) {
                sb.append((char) x);
            } else {
                sb.append('%').append(HEX_DIGITS[(x >> 4) & 0xf]).append(HEX_DIGITS[x & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * Resolves every valid {@code %XX} escape of {@code raw} and decodes the resulting bytes as UTF-8
     * (malformed sequences become U+FFFD). A '%' that does not start a valid escape stays as it is.
     * Returns {@code raw} itself when it holds no '%'. Unescaping is never recursive (RFC 3986 §2.4).
     */
    static String unescape(String raw) {
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            int hi;
            int lo;
            if (c == '%' && i + 2 < n && (hi = Chars.hexValue(raw.charAt(i + 1))) >= 0
                    && (lo = Chars.hexValue(raw.charAt(i + 2))) >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Compares two escaped texts as RFC 3261 §19.1.4 asks: characters other than the "reserved" set are
     * equivalent to their {@code %XX} encoding, while a reserved character and its escape differ
     * (";" is not "%3B"). Hex digits of escapes compare case-insensitively; letters compare
     * case-insensitively only when {@code ignoreCase}. No allocation.
     */
    static boolean equivalent(CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo,
                              boolean ignoreCase) {
        int i = aFrom;
        int j = bFrom;
        while (i < aTo && j < bTo) {
            int ua = unit(a, i, aTo);
            int ub = unit(b, j, bTo);
            int va = ua & 0x1ffff;
            int vb = ub & 0x1ffff;
            if (ignoreCase) {
                va = foldUnit(va);
                vb = foldUnit(vb);
            }
            if (va != vb) {
                return false;
            }
            i += ua >>> 24;
            j += ub >>> 24;
        }
        return i == aTo && j == bTo;
    }

    /** Whole-string form of {@link #equivalent(CharSequence, int, int, CharSequence, int, int, boolean)}. */
    static boolean equivalent(String a, String b, boolean ignoreCase) {
        if (a == null || b == null) {
            return a == b;
        }
        return equivalent(a, 0, a.length(), b, 0, b.length(), ignoreCase);
    }

    /**
     * True when escaped text {@code raw[from, to)} means the plain (unescaped) text {@code plain}: every escape
     * is resolved, reserved or not, since {@code plain} carries no escapes. Used to look components up by
     * name. No allocation when {@code plain} is ASCII.
     */
    static boolean matchesPlain(CharSequence raw, int from, int to, String plain, boolean ignoreCase) {
        int j = 0;
        int i = from;
        while (i < to && j < plain.length()) {
            int u = unit(raw, i, to);
            int c = plain.charAt(j);
            if (c >= 0x80) {
                String decoded = unescape(raw.subSequence(from, to).toString());
                return ignoreCase ? decoded.equalsIgnoreCase(plain) : decoded.equals(plain);
            }
            int v = u & 0xffff;
            if (ignoreCase ? Chars.lower(v) != Chars.lower(c) : v != c) {
                return false;
            }
            i += u >>> 24;
            j++;
        }
        return i == to && j == plain.length();
    }

    /**
     * Decodes one unit at {@code s[i]}: bits 0-15 the byte (escape) or char (literal) value, bit 16 set for a
     * literal that is never equal to an escape (a reserved or a non-ASCII character), bits 24+ the unit's
     * length in chars.
     */
    private static int unit(CharSequence s, int i, int end) {
        char c = s.charAt(i);
        if (c == '%' && i + 2 < end) {
            int hi = Chars.hexValue(s.charAt(i + 1));
            int lo = Chars.hexValue(s.charAt(i + 2));
            if (hi >= 0 && lo >= 0) {
                return 3 << 24 | hi << 4 | lo;
            }
        }
        boolean distinct = c >= 0x80 || Chars.is(c, Chars.RESERVED);
        return 1 << 24 | (distinct ? 0x10000 : 0) | c;
    }

    private static int foldUnit(int v) {
        int c = v & 0xffff;
        return c >= 'A' && c <= 'Z' ? (v & 0x10000) | (c + 32) : v;
    }
}
