package io.callisto.sip.sdp;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One key parameter of an {@code a=crypto} attribute, {@code <key-method>:<key-info>} (RFC 4568 §9.1).
 *
 * <p>For the "inline" method of SRTP (RFC 4568 §6.1, §9.2) the key info is
 * {@code <key||salt base64> ["|" <lifetime>] ["|" <MKI value>:<MKI length>]}; its parts are read by
 * {@link #keySalt()}, {@link #lifetime()} and {@link #mki()}. The lifetime may be written as a power of two,
 * "2^20". With a single "|" part, it is the MKI if it contains ":" and the lifetime otherwise (the two cannot
 * be confused: a lifetime has no ":").
 *
 * @param method the key method, e.g. "inline"
 * @param info   the key info as written
 */
public record CryptoKey(String method, String info) {

    private static final String CTX = "bad crypto";

    /**
     * Checks the §9.1 grammar, and for "inline" the §9.2 one.
     *
     * @throws IllegalArgumentException when they do not match
     */
    public CryptoKey {
        Fields.require(isMethod(method), "key method must be 1*(ALPHA / DIGIT / \"_\")");
        Fields.require(isInfo(info), "key info must be visible characters other than ';'");
        if (method.equalsIgnoreCase("inline")) {
            try {
                checkInline(Cursor.of(info), 0, info.length());
            } catch (ParseError e) {
                throw new IllegalArgumentException(e.reason());
            }
        }
    }

    /** An inline key: the concatenated master key and salt, base64 encoded (RFC 4568 §6.1). */
    public static CryptoKey inline(byte[] keyAndSalt) {
        return inline(keyAndSalt, null, null);
    }

    /**
     * An inline key with an optional lifetime (e.g. "2^20") and MKI (e.g. "1:4"); null leaves a part out.
     *
     * @throws IllegalArgumentException when the lifetime or MKI is malformed
     */
    public static CryptoKey inline(byte[] keyAndSalt, String lifetime, String mki) {
        StringBuilder sb = new StringBuilder(Base64.getEncoder().encodeToString(keyAndSalt));
        if (lifetime != null) {
            sb.append('|').append(lifetime);
        }
        if (mki != null) {
            sb.append('|').append(mki);
        }
        return new CryptoKey("inline", sb.toString());
    }

    static boolean isMethodChar(int c) {
        return Chars.is(c, Chars.ALPHA | Chars.DIGIT) || c == '_';
    }

    static boolean isInfoChar(int c) {
        return c >= 0x21 && c <= 0x7e && c != ';';
    }

    private static boolean isMethod(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f || !isMethodChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInfo(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isInfoChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parses one key-param in {@code [s, e)}. */
    static CryptoKey parse(Cursor c, int s, int e) {
        int colon = s;
        while (colon < e && isMethodChar(c.b[colon])) {
            colon++;
        }
        if (colon == s) {
            throw Fields.error(CTX, "key method expected", s);
        }
        if (colon == e || c.b[colon] != ':') {
            throw Fields.error(CTX, "':' expected after key method", colon);
        }
        if (colon + 1 == e) {
            throw Fields.error(CTX, "key info expected", e);
        }
        for (int i = colon + 1; i < e; i++) {
            if (!isInfoChar(c.b[i] & 0xff)) {
                throw Fields.error(CTX, "invalid character in key info", i);
            }
        }
        String method = c.ascii(s, colon);
        if (method.equalsIgnoreCase("inline")) {
            checkInline(c, colon + 1, e);
        }
        return new CryptoKey(method, c.ascii(colon + 1, e));
    }

    /** Checks an inline key info, {@code key-salt ["|" lifetime] ["|" mki]} (RFC 4568 §9.2). */
    static void checkInline(Cursor c, int s, int e) {
        int bar1 = indexOf(c, s, e);
        int keyEnd = bar1 < 0 ? e : bar1;
        checkBase64(c, s, keyEnd);
        if (bar1 < 0) {
            return;
        }
        int bar2 = indexOf(c, bar1 + 1, e);
        int secondEnd = bar2 < 0 ? e : bar2;
        if (bar2 >= 0 && indexOf(c, bar2 + 1, e) >= 0) {
            throw Fields.error(CTX, "too many '|' parts in inline key", indexOf(c, bar2 + 1, e));
        }
        if (bar2 < 0 && indexOfColon(c, bar1 + 1, e) >= 0) {
            checkMki(c, bar1 + 1, e);
            return;
        }
        int p = bar1 + 1;
        if (secondEnd - p >= 2 && c.b[p] == '2' && c.b[p + 1] == '^') {
            p += 2;
        }
        Fields.number(c, p, secondEnd, CTX, "lifetime", 18);
        if (bar2 >= 0) {
            checkMki(c, bar2 + 1, e);
        }
    }

    private static void checkBase64(Cursor c, int s, int e) {
        if (s == e) {
            throw Fields.error(CTX, "inline key expected", s);
        }
        for (int i = s; i < e; i++) {
            int ch = c.b[i];
            if (!Chars.is(ch, Chars.ALPHA | Chars.DIGIT) && ch != '+' && ch != '/' && ch != '=') {
                throw Fields.error(CTX, "invalid character in inline key", i);
            }
        }
        try {
            Base64.getDecoder().decode(c.ascii(s, e));
        } catch (IllegalArgumentException ex) {
            throw Fields.error(CTX, "inline key is not valid base64", s);
        }
    }

    private static void checkMki(Cursor c, int s, int e) {
        int colon = indexOfColon(c, s, e);
        if (colon < 0) {
            throw Fields.error(CTX, "MKI must be <value>:<length>", s);
        }
        Fields.number(c, s, colon, CTX, "MKI value", 18);
        long length = Fields.number(c, colon + 1, e, CTX, "MKI length", 3);
        if (length < 1 || length > 128) {
            throw Fields.error(CTX, "MKI length out of range", colon + 1);
        }
    }

    private static int indexOf(Cursor c, int s, int e) {
        for (int i = s; i < e; i++) {
            if (c.b[i] == '|') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfColon(Cursor c, int s, int e) {
        for (int i = s; i < e; i++) {
            if (c.b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** True for the "inline" key method (case-insensitive, RFC 4568 §4). */
    public boolean isInline() {
        return method.equalsIgnoreCase("inline");
    }

    private String[] parts() {
        return info.split("\\|", -1);
    }

    /** For an inline key, the base64 key and salt as written; otherwise the whole key info. */
    public String keySalt() {
        return isInline() ? parts()[0] : info;
    }

    /** For an inline key, the decoded master key and salt. */
    public Optional<byte[]> keySaltBytes() {
        return isInline() ? Optional.of(Base64.getDecoder().decode(keySalt())) : Optional.empty();
    }

    /** For an inline key, the lifetime as written (e.g. "2^20"), if given. */
    public Optional<String> lifetime() {
        String[] p = parts();
        if (!isInline() || p.length < 2 || p.length == 2 && p[1].indexOf(':') >= 0) {
            return Optional.empty();
        }
        return Optional.of(p[1]);
    }

    /** The lifetime as a number of packets, if given and below 2^63. */
    public OptionalLong lifetimePackets() {
        Optional<String> l = lifetime();
        if (l.isEmpty()) {
            return OptionalLong.empty();
        }
        String s = l.get();
        if (s.startsWith("2^")) {
            int exp = s.length() > 4 ? 99 : Integer.parseInt(s.substring(2));
            return exp < 63 ? OptionalLong.of(1L << exp) : OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(s));
    }

    /** For an inline key, the MKI as written (e.g. "1:32"), if given. */
    public Optional<String> mki() {
        String[] p = parts();
        if (!isInline() || p.length < 2 || p[p.length - 1].indexOf(':') < 0) {
            return Optional.empty();
        }
        return Optional.of(p[p.length - 1]);
    }

    /** The MKI value, if an MKI is given. */
    public OptionalLong mkiValue() {
        return mki().map(m -> OptionalLong.of(Long.parseLong(m.substring(0, m.indexOf(':')))))
                .orElse(OptionalLong.empty());
    }

    /** The MKI length in bytes (1-128), if an MKI is given. */
    public OptionalInt mkiLength() {
        return mki().map(m -> OptionalInt.of(Integer.parseInt(m.substring(m.indexOf(':') + 1))))
                .orElse(OptionalInt.empty());
    }

    /** The key parameter in canonical form, {@code method:info}. */
    @Override
    public String toString() {
        return method + ':' + info;
    }
}
