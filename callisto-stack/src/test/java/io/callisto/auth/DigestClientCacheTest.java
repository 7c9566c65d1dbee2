package io.callisto.auth;

import static io.callisto.auth.AuthFixtures.expectedResponse;
import static io.callisto.auth.AuthFixtures.invite;
import static io.callisto.auth.AuthFixtures.proxyAuthRequired;
import static io.callisto.auth.AuthFixtures.register;
import static io.callisto.auth.AuthFixtures.sent;
import static io.callisto.auth.AuthFixtures.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reusing answered challenges: nonce counts, protection spaces, -sess keys, bounds and concurrent use. */
class DigestClientCacheTest {
    private static final String CHALLENGE = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n-1\", "
            + "opaque=\"op\", algorithm=SHA-256";

    private final AtomicInteger cnonces = new AtomicInteger();
    private final DigestClient client = new DigestClient(
            CredentialsProvider.of(DigestCredentials.of("alice", "zanzibar")), Set.of("outbound.example"),
            () -> "c" + cnonces.incrementAndGet(), 64);

    @Test
    void preauthorizeReusesTheNonceWithTheNextCount() {
        SipRequest first = register();
        assertThat(client.authorize(first, unauthorized(CHALLENGE))).isTrue();
        Credentials firstAnswer = sent(first, Headers.AUTHORIZATION).get(0);

        SipRequest refresh = register(AuthFixtures.CALL_ID, 3);
        client.preauthorize(refresh);
        SipRequest again = register(AuthFixtures.CALL_ID, 4);
        client.preauthorize(again);

        Credentials second = sent(refresh, Headers.AUTHORIZATION).get(0);
        Credentials third = sent(again, Headers.AUTHORIZATION).get(0);
        assertThat(List.of(firstAnswer.param("nc"), second.param("nc"), third.param("nc")))
                .containsExactly("00000001", "00000002", "00000003");
        assertThat(second.nonce()).isEqualTo("n-1");
        assertThat(second.opaque()).isEqualTo("op");
        assertThat(second.cnonce()).isNotEqualTo(firstAnswer.cnonce());
        assertThat(second.response()).isEqualTo(expectedResponse(second, "alice", "zanzibar", refresh));
        assertThat(third.response()).isEqualTo(expectedResponse(third, "alice", "zanzibar", again));
    }

    @Test
    void preauthorizeTwiceReplacesRatherThanAdds() {
        client.authorize(register(), unauthorized(CHALLENGE));
        SipRequest refresh = register(AuthFixtures.CALL_ID, 2);
        client.preauthorize(refresh);
        client.preauthorize(refresh);
        assertThat(sent(refresh, Headers.AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.param("nc")).isEqualTo("00000003"));
    }

    @Test
    void preauthorizeStaysInTheProtectionSpace() {
        client.authorize(register(), unauthorized(CHALLENGE));
        SipRequest elsewhere = invite("sip:carol@chicago.example", "other-call");
        client.preauthorize(elsewhere);
        assertThat(elsewhere.all(Headers.AUTHORIZATION)).isEmpty();

        SipRequest sameDomain = invite("sip:bob@biloxi.com", "other-call");
        client.preauthorize(sameDomain);
        assertThat(sent(sameDomain, Headers.AUTHORIZATION)).singleElement().satisfies(c -> {
            assertThat(c.uri()).isEqualTo("sip:bob@biloxi.com");
            assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", sameDomain));
        });
    }

    @Test
    void aChallengeRepeatingACachedNonceContinuesItsCount() {
        client.authorize(register(), unauthorized(CHALLENGE));
        SipRequest other = register("another-call", 1);
        assertThat(client.authorize(other, unauthorized(CHALLENGE))).isTrue();
        assertThat(sent(other, Headers.AUTHORIZATION).get(0).param("nc")).isEqualTo("00000002");
    }

    @Test
    void preauthorizedRequestMeetingAnExpiredNonceIsRetriedOnce() {
        client.authorize(register(), unauthorized(CHALLENGE));
        SipRequest refresh = register(AuthFixtures.CALL_ID, 2);
        client.preauthorize(refresh);

        // The server forgot n-1 and does not say stale: one retry with the new nonce is allowed ...
        String renewed = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n-2\", algorithm=SHA-256";
        assertThat(client.authorize(refresh, unauthorized(renewed))).isTrue();
        assertThat(sent(refresh, Headers.AUTHORIZATION)).singleElement().satisfies(c -> {
            assertThat(c.nonce()).isEqualTo("n-2");
            assertThat(c.param("nc")).isEqualTo("00000001");
        });
        // ... but a rejection of that fresh answer means wrong credentials.
        assertThat(client.authorize(refresh, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n-3\", algorithm=SHA-256"))).isFalse();
        // And the new nonce is what later requests reuse.
        SipRequest later = register(AuthFixtures.CALL_ID, 9);
        client.preauthorize(later);
        assertThat(sent(later, Headers.AUTHORIZATION).get(0).nonce()).isEqualTo("n-2");
    }

    @Test
    void sessionAlgorithmKeepsItsCnonceAndKey() {
        String sess = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"ns\", algorithm=SHA-256-sess";
        SipRequest first = register();
        assertThat(client.authorize(first, unauthorized(sess))).isTrue();
        SipRequest refresh = register(AuthFixtures.CALL_ID, 2);
        client.preauthorize(refresh);

        Credentials a = sent(first, Headers.AUTHORIZATION).get(0);
        Credentials b = sent(refresh, Headers.AUTHORIZATION).get(0);
        assertThat(a.algorithm()).isEqualTo("SHA-256-sess");
        assertThat(b.cnonce()).isEqualTo(a.cnonce());
        assertThat(b.param("nc")).isEqualTo("00000002");
        assertThat(a.response()).isEqualTo(expectedResponse(a, "alice", "zanzibar", first));
        assertThat(b.response()).isEqualTo(expectedResponse(b, "alice", "zanzibar", refresh));
    }

    @Test
    void proxyCredentialsStayInTheirCallId() {
        String proxy = "Digest realm=\"proxy.biloxi.com\", qop=\"auth\", nonce=\"pn\"";
        SipRequest invite = invite("sip:bob@biloxi.com", "call-1");
        assertThat(client.authorize(invite, proxyAuthRequired(proxy))).isTrue();

        SipRequest bye = invite("sip:bob@biloxi.com", "call-1");
        client.preauthorize(bye);
        assertThat(sent(bye, Headers.PROXY_AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.param("nc")).isEqualTo("00000002"));

        SipRequest otherCall = invite("sip:bob@biloxi.com", "call-2");
        client.preauthorize(otherCall);
        assertThat(otherCall.all(Headers.PROXY_AUTHORIZATION)).isEmpty();
    }

    @Test
    void outboundProxyCredentialsCrossDialogs() {
        String proxy = "Digest realm=\"outbound.example\", qop=\"auth\", nonce=\"on\"";
        assertThat(client.authorize(invite("sip:bob@biloxi.com", "call-1"), proxyAuthRequired(proxy))).isTrue();

        SipRequest otherCall = invite("sip:carol@chicago.example", "call-2");
        client.preauthorize(otherCall);
        assertThat(sent(otherCall, Headers.PROXY_AUTHORIZATION)).singleElement().satisfies(c -> {
            assertThat(c.realm()).isEqualTo("outbound.example");
            assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", otherCall));
        });
    }

    @Test
    void cacheIsBounded() {
        for (int i = 0; i < 500; i++) {
            SipRequest invite = invite("sip:bob@host" + i + ".example", "call-" + i);
            assertThat(client.authorize(invite, unauthorized("Digest realm=\"r\", qop=\"auth\", nonce=\"n" + i + "\"",
                    "Digest realm=\"s\", qop=\"auth\", nonce=\"m" + i + "\""))).isTrue();
            assertThat(client.cachedScopes()).isLessThanOrEqualTo(64);
        }
        // The most recent protection space survived the evictions.
        SipRequest recent = invite("sip:bob@host499.example", "x");
        client.preauthorize(recent);
        assertThat(sent(recent, Headers.AUTHORIZATION)).hasSize(2);
        client.clear();
        assertThat(client.cachedScopes()).isZero();
    }

    @Test
    void concurrentReuseNeverRepeatsACount() throws Exception {
        client.authorize(register(), unauthorized(CHALLENGE));
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    List<String> counts = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        SipRequest r = register(AuthFixtures.CALL_ID, 10 + i);
                        client.preauthorize(r);
                        counts.add(r.first(Headers.AUTHORIZATION).param("nc"));
                    }
                    return counts;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> f : futures) {
                all.addAll(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread).contains("00000002", DigestMath.nc(threads * perThread + 1));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
