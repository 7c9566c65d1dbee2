package io.callisto.ua;

import io.callisto.ua.internal.Authenticator;

/** Chooses the digest client for a configuration. PLACEHOLDER until the digest client lands. */
final class Authenticators {

    private Authenticators() {
    }

    static Authenticator forConfig(UserAgentConfig config) {
        return Authenticator.NONE;
    }
}
