package io.callisto.server.auth.internal;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.sip.header.Credentials;
import java.util.List;

/**
 * The parameters of one Digest credentials value (RFC 7616 §3.4, RFC 8760 §2.6-§2.7), checked for presence and
 * form before any hash is computed. Values are unquoted; {@code ncText} is the nc exactly as sent (it is hashed
 * as written).
 *
 * @param username  the username
 * @param nonce     the nonce the client answered
 * @param uri       the digest-uri
 * @param response  the request-digest (hex, the algorithm's length)
 * @param algorithm the algorithm used
 * @param qop       "auth" or "auth-int" as sent, or null for an RFC 2069 response
 * @param ncText    the nonce count as sent, or null without qop
 * @param nc        the nonce count; 1 without qop (such a nonce is good for one request)
 * @param cnonce    the client nonce, or null without qop
 */
public record DigestFields(String username, String nonce, String uri, String response, DigestAlgorithm algorithm,
        String qop, String ncText, long nc, String cnonce) {

    /** Credentials that cannot be checked; the message is fit for a reason phrase. No stack trace. */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * True for credentials sent before any challenge: an empty nonce or response (RFC 8760 §2.7 allows empty
     * values then). They are answered with a challenge, not counted as a failure.
     */
    public static boolean isPlaceholder(Credentials c) {
        return isEmpty(c.nonce()) || isEmpty(c.response());
    }

    /**
     * Reads and checks {@code c}.
     *
     * @param offered     the algorithms the server offers (only these are accepted)
     * @param acceptNoQop whether an RFC 2069 response (no qop, no nc, no cnonce) is accepted
     * @throws Malformed naming the first problem found
     */
    public static DigestFields read(Credentials c, List<DigestAlgorithm> offered, boolean acceptNoQop) {
        if (c.parameters().has("username*")) {
            throw new Malformed("username* not supported");
        }
        if (c.userhash()) {
            throw new Malformed("userhash not supported"); // never offered (RFC 7616 §3.4.4)
        }
        String username = required(c.username(), "username");
        String nonce = required(c.nonce(), "nonce");
        String uri = required(c.uri(), "uri");
        String response = required(c.response(), "response");
        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(c.algorithm());
        if (algorithm == null) {
            throw new Malformed("unsupported digest algorithm");
        }
        if (!offered.contains(algorithm)) {
            throw new Malformed("digest algorithm " + algorithm.token() + " not offered");
        }
        if (!isHex(response, algorithm.hexLength())) {
            throw new Malformed("response is not a " + algorithm.token() + " digest");
        }
        String qop = c.qop();
        if (qop == null) {
            // RFC 3261 §22.4 item 8: a session algorithm needs the cnonce, which only comes with qop.
            if (!acceptNoQop || algorithm.isSession()) {
                throw new Malformed("qop missing");
            }
            return new DigestFields(username, nonce, uri, response, algorithm, null, null, 1, null);
        }
        if (!qop.equalsIgnoreCase(DigestMath.AUTH) && !qop.equalsIgnoreCase(DigestMath.AUTH_INT)) {
            throw new Malformed("unsupported qop");
        }
        String ncText = c.param("nc");
        long nc = c.nonceCount();
        if (ncText == null || nc < 0) {
            throw new Malformed("nc missing");
        }
        if (nc == 0) {
            throw new Malformed("nc must be at least 1");
        }
        String cnonce = required(c.cnonce(), "cnonce");
        return new DigestFields(username, nonce, uri, response, algorithm, qop, ncText, nc, cnonce);
    }

    private static String required(String value, String name) {
        if (isEmpty(value)) {
            throw new Malformed(name + " missing");
        }
        return value;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char ch = s.charAt(i);
            if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
