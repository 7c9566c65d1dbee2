package io.callisto.sip.sdp;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;

/**
 * Lexical helpers shared by the SDP field and attribute parsers: the character classes of the RFC 8866 §9
 * grammar (which differ from the SIP ones of RFC 3261: SDP's {@code token} also allows
 * "#", "$", "&amp;", "^", "{", "|" and "}") and splitting of a value into its space-separated subfields.
 *
 * <p>Subfields are separated by one or more SP or HTAB; leading and trailing white space of a structured
 * value is tolerated. RFC 8866 §5 says a single SP, but tolerating runs costs nothing, keeps nothing
 * ambiguous, and the bytes are kept as written anyway.
 */
final class Fields {
    private Fields() {}

    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = 0; c < 128; c++) {
            TOKEN[c] = Chars.is(c, Chars.ALPHA | Chars.DIGIT);
        }
        for (char c : "!#$%&'*+-.^_`{|}~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    /** token-char (RFC 8866 §9). */
    static boolean isTokenChar(int c) {
        return TOKEN[c & 0xff];
    }

    /** SP or HTAB. */
    static boolean isWs(int c) {
        return c == ' ' || c == '\t';
    }

    /** A byte of non-ws-string (RFC 8866 §9): VCHAR or %x80-FF. */
    static boolean isVisible(int c) {
        c &= 0xff;
        return c > 0x20 && c != 0x7f;
    }

    /** True when {@code s} is a non-empty token (RFC 8866 §9). */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} is a non-empty non-ws-string. */
    static boolean isVisible(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} is 1*DIGIT. */
    static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Chars.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} may be written as a field value: no NUL, CR or LF (byte-string of §9). */
    static boolean isByteString(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    /** Throws {@link IllegalArgumentException} with {@code message} unless {@code ok}. */
    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    static ParseError error(String ctx, String detail, int at) {
        return new ParseError(ctx + ": " + detail, at);
    }

    /**
     * Splits the cursor's remaining range into white-space separated subfields without moving it.
     * Returns {@code {start0, end0, start1, end1, ...}} as indexes into the cursor's array.
     */
    static int[] split(Cursor c) {
        byte[] b = c.b;
        int count = 0;
        for (int p = c.pos; p < c.end; ) {
            while (p < c.end && isWs(b[p])) {
                p++;
            }
            if (p < c.end) {
                count++;
                while (p < c.end && !isWs(b[p])) {
                    p++;
                }
            }
        }
        int[] f = new int[count * 2];
        int i = 0;
        for (int p = c.pos; p < c.end; ) {
            while (p < c.end && isWs(b[p])) {
                p++;
            }
            if (p < c.end) {
                f[i++] = p;
                while (p < c.end && !isWs(b[p])) {
                    p++;
                }
                f[i++] = p;
            }
        }
        return f;
    }

    /** Parses {@code [s, e)} as 1*DIGIT of at most {@code maxDigits} digits. */
    static long number(Cursor c, int s, int e, String ctx, String what, int maxDigits) {
        if (s >= e) {
            throw error(ctx, what + " expected", s);
        }
        long v = 0;
        for (int i = s; i < e; i++) {
            int d = c.b[i];
            if (!Chars.isDigit(d)) {
                throw error(ctx, what + " not a number", i);
            }
            if (i - s >= maxDigits) {
                throw error(ctx, what + " too large", s);
            }
            v = v * 10 + (d - '0');
        }
        return v;
    }

    /** Checks {@code [s, e)} is a token (RFC 8866 §9) and returns it. */
    static String token(Cursor c, int s, int e, String ctx, String what) {
        if (s >= e) {
            throw error(ctx, what + " expected", s);
        }
        for (int i = s; i < e; i++) {
            if (!isTokenChar(c.b[i])) {
                throw error(ctx, "invalid character in " + what, i);
            }
        }
        return c.ascii(s, e);
    }

    /** Checks {@code [s, e)} is a non-ws-string and returns it (decoded as UTF-8). */
    static String visible(Cursor c, int s, int e, String ctx, String what) {
        if (s >= e) {
            throw error(ctx, what + " expected", s);
        }
        for (int i = s; i < e; i++) {
            if (!isVisible(c.b[i])) {
                throw error(ctx, "invalid character in " + what, i);
            }
        }
        return c.utf8(s, e);
    }

    /** Checks {@code [s, e)} is all digits (any length) and returns it. */
    static String digits(Cursor c, int s, int e, String ctx, String what) {
        if (s >= e) {
            throw error(ctx, what + " expected", s);
        }
        for (int i = s; i < e; i++) {
            if (!Chars.isDigit(c.b[i])) {
                throw error(ctx, what + " not a number", i);
            }
        }
        return c.ascii(s, e);
    }

    /**
     * Parses a typed-time (RFC 8866 §9, §5.10): {@code 1*DIGIT [d|h|m|s]}, optionally preceded by "-" when
     * {@code signed}. Returns seconds.
     */
    static long typedTime(Cursor c, int s, int e, String ctx, String what, boolean signed) {
        boolean negative = signed && s < e && c.b[s] == '-';
        int p = negative ? s + 1 : s;
        long unit = 1;
        int digitsEnd = e;
        if (e > p) {
            switch (c.b[e - 1]) {
                case 'd' -> unit = 86_400;
                case 'h' -> unit = 3_600;
                case 'm' -> unit = 60;
                case 's' -> unit = 1;
                default -> unit = 0;
            }
            if (unit != 0) {
                digitsEnd = e - 1;
            } else {
                unit = 1;
            }
        }
        long v = number(c, p, digitsEnd, ctx, what, 12) * unit;
        return negative ? -v : v;
    }
}
