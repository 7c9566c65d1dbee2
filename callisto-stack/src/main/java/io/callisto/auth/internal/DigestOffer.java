package io.callisto.auth.internal;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.sip.header.Challenge;
import java.util.List;

/**
 * One Digest challenge this client can answer, with its parameters unquoted and checked: the realm, nonce,
 * opaque, algorithm and the qop the client will apply. Built only by {@link #from(Challenge)}, which refuses what
 * cannot be answered correctly.
 *
 * @param realm the realm (RFC 7616 §3.3), never null
 * @param nonce the server nonce, never null
 * @param opaque the opaque value to echo, or null
 * @param algorithm the algorithm
 * @param algorithmToken the algorithm as written in the challenge (to echo it, RFC 7616 §3.4), or null if absent
 * @param qop the qop to apply: "auth", "auth-int", or null for a challenge without qop (RFC 2617 §3.2.2.1)
 * @param userhash true when the server asks for a hashed username (RFC 7616 §3.4.4)
 * @param stale true when the server said stale=true (RFC 7616 §3.3)
 */
public record DigestOffer(String realm, String nonce, String opaque, DigestAlgorithm algorithm,
        String algorithmToken, String qop, boolean userhash, boolean stale) {

    /**
     * The offer a challenge makes, or null when it cannot be answered: not the Digest scheme (RFC 3261 §22.4 and
     * RFC 8760 §2.6 forbid Basic), no realm or nonce, an unknown or unavailable algorithm (ignored, RFC 8760
     * §2.4), a qop list without "auth" or "auth-int" (the client must send one of the offered values, RFC 7616
     * §3.4), a "-sess" algorithm without qop (it needs a cnonce, RFC 3261 §22.4 item 8), or a value holding
     * control characters (which could not be echoed safely in a header).
     */
    public static DigestOffer from(Challenge c) {
        if (!c.isDigest()) {
            return null;
        }
        String realm = c.realm();
        String nonce = c.nonce();
        String opaque = c.opaque();
        String algorithmToken = c.algorithm();
        if (realm == null || nonce == null || nonce.isEmpty()
                || !printable(realm) || !printable(nonce) || opaque != null && !printable(opaque)) {
            return null;
        }
        DigestAlgorithm alg = DigestAlgorithm.fromToken(algorithmToken);
        if (alg == null || !alg.isAvailable()) {
            return null;
        }
        String qop = null;
        if (c.param("qop") != null) {
            List<String> options = c.qopOptions();
            if (contains(options, DigestMath.AUTH)) {
                qop = DigestMath.AUTH;
            } else if (contains(options, DigestMath.AUTH_INT)) {
                qop = DigestMath.AUTH_INT;
            } else {
                return null;
            }
        } else if (alg.isSession()) {
            return null;
        }
        return new DigestOffer(realm, nonce, opaque, alg, algorithmToken, qop, c.userhash(), c.stale());
    }

    private static boolean contains(List<String> options, String qop) {
        for (String o : options) {
            if (o.equalsIgnoreCase(qop)) {
                return true;
            }
        }
        return false;
    }

    /** No control characters (a quoted-string may carry a fold or an escaped control octet). */
    static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
