package io.callisto.sip.internal;

/**
 * Character classes of the RFC 3261 §25.1 ABNF, as one lookup table indexed by byte value.
 * Bytes 0x80-0xFF belong to no class here except {@link #UTF8}: UTF-8 text is allowed only where the ABNF
 * says TEXT-UTF8 (quoted strings, reason phrases, display names).
 */
public final class Chars {
    private Chars() {}

    public static final int ALPHA = 1;
    public static final int DIGIT = 1 << 1;
    public static final int HEX = 1 << 2;
    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
    public static final int TOKEN = 1 << 3;
    /** unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")" */
    public static final int UNRESERVED = 1 << 4;
    /** user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/" */
    public static final int USER_UNRESERVED = 1 << 5;
    /** param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$" */
    public static final int PARAM_UNRESERVED = 1 << 6;
    /** hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$" */
    public static final int HNV_UNRESERVED = 1 << 7;
    /** SP / HTAB */
    public static final int WSP = 1 << 8;
    /** reserved = ";" / "/" / "?" / ":" / "@" / "&" / "=" / "+" / "$" / "," */
    public static final int RESERVED = 1 << 9;
    /** word = 1*(token chars / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}") */
    public static final int WORD = 1 << 10;
    /** A byte that may start or continue a UTF-8 multi-byte sequence. */
    public static final int UTF8 = 1 << 11;
    /** password chars: unreserved / escaped / "&" / "=" / "+" / "$" / "," */
    public static final int PASSWORD = 1 << 12;

    private static final int[] TABLE = new int[256];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            TABLE[c] |= ALPHA;
            TABLE[c - 32] |= ALPHA;
        }
        for (int c = '0'; c <= '9'; c++) {
            TABLE[c] |= DIGIT | HEX;
        }
        for (int c : "abcdefABCDEF".toCharArray()) {
            TABLE[c] |= HEX;
        }
        for (int c = 0; c < 128; c++) {
            if ((TABLE[c] & (ALPHA | DIGIT)) != 0) {
                TABLE[c] |= TOKEN | UNRESERVED | WORD | PASSWORD;
            }
        }
        mark("-.!%*_+`'~", TOKEN | WORD);
        mark("-_.!~*'()", UNRESERVED | PASSWORD);
        mark("&=+$,;?/", USER_UNRESERVED);
        mark("[]/:&+$", PARAM_UNRESERVED);
        mark("[]/?:+$", HNV_UNRESERVED);
        mark(" \t", WSP);
        mark(";/?:@&=+$,", RESERVED);
        mark("()<>:\\\"/[]?{}", WORD);
        mark("&=+$,", PASSWORD);
        for (int c = 0x80; c < 0x100; c++) {
            TABLE[c] |= UTF8;
        }
    }

    /** For each byte: its lower-case form if it is a token character, else 0. */
    private static final byte[] TOKEN_LOWER = new byte[256];

    static {
        for (int c = 0; c < 128; c++) {
            if ((TABLE[c] & TOKEN) != 0) {
                TOKEN_LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
    }

    /** The lower-case form of a token character, or 0 when {@code b} is not one (one lookup for name scanning). */
    public static int tokenLower(byte b) {
        return TOKEN_LOWER[b & 0xff];
    }

    private static void mark(String chars, int flags) {
        for (int i = 0; i < chars.length(); i++) {
            TABLE[chars.charAt(i)] |= flags;
        }
    }

    public static boolean is(int b, int flags) {
        return (TABLE[b & 0xff] & flags) != 0;
    }

    public static boolean isToken(int b) {
        return (TABLE[b & 0xff] & TOKEN) != 0;
    }

    public static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    public static boolean isWsp(int b) {
        return b == ' ' || b == '\t';
    }

    public static int hexValue(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    public static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** True when the string is a non-empty token (RFC 3261 §25.1). */
    public static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f || !isToken(c)) {
                return false;
            }
        }
        return true;
    }
}
