package io.callisto.sip.sdp;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of an {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]} attribute
 * (RFC 4568 §4, grammar in §9.1): an SDES security description for an SRTP media stream.
 *
 * <p>Key parameters are separated by ";" with no white space (§9.1: {@code key-param *(";" key-param)}), session
 * parameters by white space. Values are kept as written; RFC 4568 §4 makes them case-insensitive.
 *
 * @param tag           the tag identifying this attribute within its media description, 0-999999999
 * @param suite         the crypto suite, e.g. "AES_CM_128_HMAC_SHA1_80"
 * @param keys          the key parameters, at least one
 * @param sessionParams the session parameters as written (e.g. "KDR=1", "UNENCRYPTED_SRTCP"), possibly empty
 */
public record Crypto(int tag, String suite, List<CryptoKey> keys, List<String> sessionParams) {

    private static final String CTX = "bad crypto";

    /** AES counter mode with an 80-bit HMAC-SHA1 tag (RFC 4568 §6.2.1). */
    public static final String AES_CM_128_HMAC_SHA1_80 = "AES_CM_128_HMAC_SHA1_80";
    /** AES counter mode with a 32-bit HMAC-SHA1 tag (RFC 4568 §6.2.2). */
    public static final String AES_CM_128_HMAC_SHA1_32 = "AES_CM_128_HMAC_SHA1_32";

    /**
     * Copies the lists and checks the §9.1 grammar.
     *
     * @throws IllegalArgumentException when a field does not match it
     */
    public Crypto {
        Fields.require(tag >= 0 && tag <= 999_999_999, "tag must be 1 to 9 digits");
        Fields.require(isSuite(suite), "crypto-suite must be 1*(ALPHA / DIGIT / \"_\")");
        keys = List.copyOf(keys);
        sessionParams = List.copyOf(sessionParams);
        Fields.require(!keys.isEmpty(), "at least one key parameter is required");
        for (String p : sessionParams) {
            Fields.require(isSessionParam(p), "session parameters must be visible ASCII");
        }
    }

    /** A crypto attribute without session parameters. */
    public static Crypto of(int tag, String suite, CryptoKey... keys) {
        return new Crypto(tag, suite, List.of(keys), List.of());
    }

    private static boolean isSuite(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7f || !Chars.is(c, Chars.ALPHA | Chars.DIGIT) && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isSessionParam(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a crypto attribute value (the text after "a=crypto:").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the §9.1 grammar (or, for an inline key,
     *                                          the §9.2 one)
     */
    public static Crypto parse(String value) {
        return parse(Cursor.of(value));
    }

    static Crypto parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length < 6) {
            throw Fields.error(CTX, "expected tag, crypto-suite and key parameters", c.end);
        }
        long tag = Fields.number(c, f[0], f[1], CTX, "tag", 9);
        for (int i = f[2]; i < f[3]; i++) {
            if (!CryptoKey.isMethodChar(c.b[i])) {
                throw Fields.error(CTX, "invalid character in crypto-suite", i);
            }
        }
        String suite = c.ascii(f[2], f[3]);
        List<CryptoKey> keys = new ArrayList<>();
        int s = f[4];
        for (int i = f[4]; i <= f[5]; i++) {
            if (i == f[5] || c.b[i] == ';') {
                keys.add(CryptoKey.parse(c, s, i));
                s = i + 1;
            }
        }
        List<String> params = new ArrayList<>(f.length / 2 - 3);
        for (int i = 6; i < f.length; i += 2) {
            for (int j = f[i]; j < f[i + 1]; j++) {
                int ch = c.b[j] & 0xff;
                if (ch < 0x21 || ch > 0x7e) {
                    throw Fields.error(CTX, "invalid character in session parameter", j);
                }
            }
            params.add(c.ascii(f[i], f[i + 1]));
        }
        return new Crypto((int) tag, suite, keys, params);
    }

    /** The first key parameter. */
    public CryptoKey key() {
        return keys.get(0);
    }

    /** The value in canonical form, as written after "a=crypto:". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ";").append(keys.get(i));
        }
        for (String p : sessionParams) {
            sb.append(' ').append(p);
        }
        return sb.toString();
    }

    /** This crypto value as an attribute. */
    public Attribute toAttribute() {
        return Attribute.of(Attribute.CRYPTO, toString());
    }
}
