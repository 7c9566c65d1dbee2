package io.callisto.auth.internal;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestCredentials;
import io.callisto.auth.DigestMath;
import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.Parameters;
import io.callisto.sip.message.SipRequest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What a client remembers about one answered challenge (an "authentication session", RFC 7616 §3.6): the offer,
 * the account, H(A1) and the nonce count. Every answer takes the next count, so a nonce reused for later requests
 * is sent with nc 1, 2, 3, ... (RFC 7616 §3.4 nc). Thread-safe: the count is atomic, everything else final.
 */
public final class NonceState {
    private final DigestOffer offer;
    private final DigestCredentials account;
    private final String secret;
    /** For "-sess": the cnonce of the first request, which H(A1) covers (RFC 7616 §3.4.2); else null. */
    private final String sessionCnonce;
    private final String sessionHa1;
    private final AtomicLong count = new AtomicLong();

    /** The state for a fresh offer, answered by {@code account}; {@code cnonces} supplies the session cnonce. */
    public NonceState(DigestOffer offer, DigestCredentials account, Supplier<String> cnonces) {
        this.offer = offer;
        this.account = account;
        DigestAlgorithm alg = offer.algorithm();
        this.secret = account.secret(alg, offer.realm());
        if (alg.isSession()) {
            this.sessionCnonce = cnonces.get();
            this.sessionHa1 = DigestMath.ha1(alg, secret, offer.nonce(), sessionCnonce);
        } else {
            this.sessionCnonce = null;
            this.sessionHa1 = secret;
        }
    }

    /** The offer this state answers. */
    public DigestOffer offer() {
        return offer;
    }

    /** The realm of the offer. */
    public String realm() {
        return offer.realm();
    }

    /** The count the next answer will carry. */
    public long nextCount() {
        return count.get() + 1;
    }

    /**
     * True when a new challenge can continue this state rather than start a new one: same nonce, algorithm, qop,
     * opaque and userhash, answered by the same account (so the nonce count goes on instead of repeating 1).
     */
    public boolean continues(DigestOffer other, DigestCredentials otherAccount) {
        return offer.nonce().equals(other.nonce()) && offer.algorithm() == other.algorithm()
                && java.util.Objects.equals(offer.qop(), other.qop())
                && java.util.Objects.equals(offer.opaque(), other.opaque())
                && offer.userhash() == other.userhash() && account.sameAccount(otherAccount);
    }

    /**
     * The credentials for {@code request} with the next nonce count: the request-digest over its method,
     * Request-URI text (the digest-uri, RFC 3261 §22.4 item 3) and, for qop=auth-int, its body. Returns null
     * when the nonce count is exhausted (the nonce must then be refreshed by a new challenge).
     */
    public Credentials answer(SipRequest request, Supplier<String> cnonces) {
        long n = count.incrementAndGet();
        if (n > 0xFFFF_FFFFL) {
            return null;
        }
        DigestAlgorithm alg = offer.algorithm();
        String qop = offer.qop();
        String uri = request.requestUriText();
        String cnonce = qop == null ? null : sessionCnonce != null ? sessionCnonce : cnonces.get();
        String nc = qop == null ? null : DigestMath.nc(n);
        String bodyHash = DigestMath.AUTH_INT.equals(qop) ? DigestMath.bodyHash(alg, request.body()) : null;
        String response = DigestMath.response(alg, sessionHa1, offer.nonce(), nc, cnonce, qop, request.method(), uri,
                bodyHash);
        String username = offer.userhash() ? DigestMath.userhash(alg, account.username(), offer.realm())
                : account.username();
        // RFC 7616 §3.4: username, realm, nonce, uri, response, cnonce and opaque quoted; algorithm, qop, nc not.
        String[] p = new String[22];
        int i = 0;
        p[i++] = "username";
        p[i++] = Parameters.quote(username);
        p[i++] = "realm";
        p[i++] = Parameters.quote(offer.realm());
        p[i++] = "nonce";
        p[i++] = Parameters.quote(offer.nonce());
        p[i++] = "uri";
        p[i++] = Parameters.quote(uri);
        p[i++] = "response";
        p[i++] = Parameters.quote(response);
        if (offer.algorithmToken() != null) {
            p[i++] = "algorithm";
            p[i++] = offer.algorithmToken();
        }
        if (qop != null) {
            p[i++] = "cnonce";
            p[i++] = Parameters.quote(cnonce);
        }
        if (offer.opaque() != null) {
            p[i++] = "opaque";
            p[i++] = Parameters.quote(offer.opaque());
        }
        if (qop != null) {
            p[i++] = "qop";
            p[i++] = qop;
            p[i++] = "nc";
            p[i++] = nc;
        }
        if (offer.userhash()) {
            p[i++] = "userhash";
            p[i++] = "true";
        }
        return new Credentials("Digest", Parameters.wrap(p, i / 2));
    }
}
