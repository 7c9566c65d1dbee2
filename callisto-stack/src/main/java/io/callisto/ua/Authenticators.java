package io.callisto.ua;

import io.callisto.auth.DigestClient;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.ua.internal.Authenticator;
import java.util.Set;

/** Chooses the UA core's digest client for a configuration. */
final class Authenticators {

    private Authenticators() {
    }

    static Authenticator forConfig(UserAgentConfig config) {
        if (config.credentials() == null) {
            return Authenticator.NONE;
        }
        // Proxy challenges from the configured outbound proxy may be reused across dialogs (§22.3); its realm is
        // not known in advance, so the host stands in as the likely realm.
        Set<String> proxyRealms = config.outboundProxy() != null ? Set.of(config.outboundProxy().host()) : Set.of();
        DigestClient client = new DigestClient(config.credentials(), proxyRealms);
        return new Authenticator() {
            @Override
            public boolean authorize(SipRequest request, SipResponse challenge) {
                return client.authorize(request, challenge);
            }

            @Override
            public void preauthorize(SipRequest request) {
                client.preauthorize(request);
            }
        };
    }
}
