package io.callisto.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The Digest computations of RFC 7616 §3.4.1-§3.4.4 (and RFC 2617 §3.2.2 for a challenge without qop), shared by
 * the client ({@link DigestClient}) and a future server-side verifier. Every string argument is the unquoted value
 * ({@code unq(X)}, RFC 7616 §3.4.5); results are lower-case hex. Stateless and thread-safe.
 *
 * <pre>
 * secret   = H(username ":" realm ":" password)                 what a server may store (RFC 7616 §3.6)
 * H(A1)    = secret                                             plain algorithms
 *          = H(secret ":" nonce ":" cnonce)                     "-sess" algorithms (RFC 7616 §3.4.2)
 * H(A2)    = H(method ":" uri)                                  qop=auth or no qop (RFC 7616 §3.4.3)
 *          = H(method ":" uri ":" H(body))                      qop=auth-int
 * response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2))   (RFC 7616 §3.4.1)
 *          = KD(H(A1), nonce ":" H(A2))                         no qop, RFC 2069 (RFC 2617 §3.2.2.1)
 * KD(s, d) = H(s ":" d)
 * </pre>
 */
public final class DigestMath {
    private DigestMath() {}

    /** qop value for authentication only. */
    public static final String AUTH = "auth";
    /** qop value for authentication with integrity protection of the body. */
    public static final String AUTH_INT = "auth-int";

    /**
     * H(username ":" realm ":" password), the password as UTF-8 octets (RFC 7616 §4). It is H(A1) for the plain
     * algorithms and the input of {@link #ha1} for the session ones. The temporary copy of the password octets is
     * zeroed before returning.
     */
    public static String secret(DigestAlgorithm alg, String username, String realm, char[] password) {
        MessageDigest md = alg.newDigest();
        md.update(utf8(username));
        md.update((byte) ':');
        md.update(utf8(realm));
        md.update((byte) ':');
        ByteBuffer pw = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] octets = new byte[pw.remaining()];
        pw.get(octets);
        md.update(octets);
        Arrays.fill(octets, (byte) 0);
        if (pw.hasArray()) {
            Arrays.fill(pw.array(), (byte) 0);
        }
        return DigestAlgorithm.hex(md.digest());
    }

    /**
     * H(A1) from the {@link #secret}: the secret itself for a plain algorithm, H(secret ":" nonce ":" cnonce)
     * for a "-sess" one (RFC 7616 §3.4.2; nonce and cnonce being those of the first request of the session).
     */
    public static String ha1(DigestAlgorithm alg, String secret, String nonce, String cnonce) {
        if (!alg.isSession()) {
            return secret;
        }
        return alg.hash(secret + ':' + nonce + ':' + cnonce);
    }

    /**
     * H(A2) (RFC 7616 §3.4.3): H(method ":" uri) when {@code qop} is "auth" or null, H(method ":" uri ":" bodyHash)
     * when it is "auth-int".
     */
    public static String ha2(DigestAlgorithm alg, String qop, String method, String uri, String bodyHash) {
        if (AUTH_INT.equalsIgnoreCase(qop)) {
            return alg.hash(method + ':' + uri + ':' + bodyHash);
        }
        return alg.hash(method + ':' + uri);
    }

    /** H(entity-body) for qop=auth-int; an empty or absent body hashes the empty string (RFC 8760 §2.6 item 7). */
    public static String bodyHash(DigestAlgorithm alg, byte[] body) {
        return alg.hash(body == null ? new byte[0] : body);
    }

    /**
     * The request-digest (RFC 7616 §3.4.1). With {@code qop} null the RFC 2069 form is used and {@code nc} and
     * {@code cnonce} are ignored (RFC 2617 §3.2.2.1); {@code bodyHash} is used only for qop=auth-int.
     *
     * @param nc the nonce count as sent, eight hex digits (see {@link #nc(long)})
     */
    public static String response(DigestAlgorithm alg, String ha1, String nonce, String nc, String cnonce, String qop,
            String method, String uri, String bodyHash) {
        return kd(alg, ha1, nonce, nc, cnonce, qop, ha2(alg, qop, method, uri, bodyHash));
    }

    /**
     * The rspauth of an Authentication-Info header (RFC 7616 §3.5): as {@link #response} with an empty method, so
     * that A2 is ":" uri (or ":" uri ":" H(body) for auth-int).
     */
    public static String rspauth(DigestAlgorithm alg, String ha1, String nonce, String nc, String cnonce, String qop,
            String uri, String bodyHash) {
        return response(alg, ha1, nonce, nc, cnonce, qop, "", uri, bodyHash);
    }

    /** The hashed username, H(username ":" realm), sent with userhash=true (RFC 7616 §3.4.4). */
    public static String userhash(DigestAlgorithm alg, String username, String realm) {
        return alg.hash(username + ':' + realm);
    }

    /** The nc value: the count as exactly eight lower-case hex digits (RFC 7616 §3.4, §3.5). */
    public static String nc(long count) {
        if (count < 0 || count > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("nonce count out of range: " + count);
        }
        String hex = Long.toHexString(count);
        return "00000000".substring(hex.length()) + hex;
    }

    /**
     * True when two digest values are equal, compared in time independent of where they differ (for a
     * verifier; the case of hex digits is ignored).
     */
    public static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        byte[] a = expected.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        byte[] b = actual.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(a, b);
    }

    private static String kd(DigestAlgorithm alg, String ha1, String nonce, String nc, String cnonce, String qop,
            String ha2) {
        if (qop == null) {
            return alg.hash(ha1 + ':' + nonce + ':' + ha2);
        }
        return alg.hash(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
