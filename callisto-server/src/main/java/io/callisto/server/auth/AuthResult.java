package io.callisto.server.auth;

import io.callisto.sip.message.SipResponse;
import java.util.Objects;

/**
 * What {@link DigestAuthenticator#authenticate} decided about a request. For {@link Challenge} and
 * {@link Rejected} the caller sends the response through the request's server transaction and stops there.
 */
public sealed interface AuthResult {

    /**
     * The credentials are valid: the request comes from {@code user} of the realm it was checked against. Whether
     * that user may do what the request asks (e.g. register that address-of-record) is the caller's policy.
     *
     * @param user the authenticated username
     */
    record Accepted(String user) implements AuthResult {
        /** Checks the user is not null. */
        public Accepted {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * No acceptable credentials: a 401 with WWW-Authenticate or a 407 with Proxy-Authenticate values (RFC 3261
     * §22.2, §22.3), one per offered algorithm, possibly with stale=true (RFC 7616 §3.3).
     *
     * @param response the challenge to send
     */
    record Challenge(SipResponse response) implements AuthResult {
        /** Checks the response is not null. */
        public Challenge {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * The request is refused: 400 for malformed credentials (the reason phrase names the problem), 403 for wrong
     * credentials or a source address blocked after too many failures.
     *
     * @param response the refusal to send
     */
    record Rejected(SipResponse response) implements AuthResult {
        /** Checks the response is not null. */
        public Rejected {
            Objects.requireNonNull(response, "response");
        }
    }
}
