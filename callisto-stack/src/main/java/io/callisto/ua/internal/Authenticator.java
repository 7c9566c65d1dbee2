package io.callisto.ua.internal;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;

/** The UA core's view of digest authentication (client side, §22.2-22.3). */
public interface Authenticator {

    /** No credentials: every challenge fails. */
    Authenticator NONE = new Authenticator() {
        @Override
        public boolean authorize(SipRequest request, SipResponse challenge) {
            return false;
        }

        @Override
        public void preauthorize(SipRequest request) {
        }
    };

    /**
     * Adds credentials answering the 401/407 {@code challenge} to {@code request} (a fresh copy with a new CSeq and
     * branch). Returns false when it cannot (no credentials, or the same nonce was already refused).
     */
    boolean authorize(SipRequest request, SipResponse challenge);

    /** Adds credentials from earlier challenges of the same realm to a new request. */
    void preauthorize(SipRequest request);
}
