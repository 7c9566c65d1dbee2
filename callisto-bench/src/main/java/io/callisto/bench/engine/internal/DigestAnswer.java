package io.callisto.bench.engine.internal;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipResponse;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Computes the header line of SIPp's {@code [authentication]} keyword: the answer to the Digest challenge of the
 * last 401 or 407 received (RFC 7616 computations through the stack's {@link DigestMath}).
 */
final class DigestAnswer {

    private DigestAnswer() {
    }

    /**
     * Appends {@code Authorization: Digest ...} (for a 401) or {@code Proxy-Authorization: Digest ...} (407) to
     * {@code out}; nothing when {@code last} is no 401/407 with a usable Digest challenge.
     */
    static void append(SipMessage last, String method, String uri, String username, String password,
            StringBuilder out) {
        if (!(last instanceof SipResponse r) || r.status() != 401 && r.status() != 407) {
            return;
        }
        Challenge c = r.status() == 401 ? r.first(Headers.WWW_AUTHENTICATE) : r.first(Headers.PROXY_AUTHENTICATE);
        if (c == null || !c.isDigest() || c.realm() == null || c.nonce() == null) {
            return;
        }
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm());
        if (alg == null || !alg.isAvailable()) {
            return;
        }
        String qop = c.qopOptions().stream().anyMatch("auth"::equalsIgnoreCase) ? "auth" : null;
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L << 62);
        String nc = "00000001";
        String secret = DigestMath.secret(alg, username, c.realm(), password.toCharArray());
        String ha1 = DigestMath.ha1(alg, secret, c.nonce(), cnonce);
        String response = DigestMath.response(alg, ha1, c.nonce(), nc, cnonce, qop, method, uri, null);
        out.append(r.status() == 401 ? "Authorization" : "Proxy-Authorization").append(": Digest username=\"")
                .append(username).append("\", realm=\"").append(c.realm()).append("\", nonce=\"").append(c.nonce())
                .append("\", uri=\"").append(uri).append("\", response=\"").append(response)
                .append("\", algorithm=").append(alg.token());
        if (qop != null) {
            out.append(", qop=").append(qop).append(", nc=").append(nc).append(", cnonce=\"").append(cnonce)
                    .append('"');
        }
        if (c.opaque() != null) {
            out.append(", opaque=\"").append(c.opaque()).append('"');
        }
    }
}
