package io.callisto.auth;

import static io.callisto.auth.AuthFixtures.expectedResponse;
import static io.callisto.auth.AuthFixtures.proxyAuthRequired;
import static io.callisto.auth.AuthFixtures.register;
import static io.callisto.auth.AuthFixtures.response;
import static io.callisto.auth.AuthFixtures.sent;
import static io.callisto.auth.AuthFixtures.unauthorized;
import static io.callisto.auth.DigestMathTest.md5;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Answering 401/407 challenges: what goes into the re-sent request, and when the client gives up. */
class DigestClientTest {
    private static final String BILOXI_MD5 = "Digest realm=\"biloxi.com\", qop=\"auth,auth-int\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\", "
            + "algorithm=MD5";

    private final DigestClient client = new DigestClient(
            CredentialsProvider.of(DigestCredentials.of("alice", "zanzibar", "biloxi.com")));

    @Test
    void registerChallengeRoundTrip() throws Exception {
        SipRequest register = register();
        DigestClient fixed = new DigestClient(CredentialsProvider.of(DigestCredentials.of("alice", "zanzibar")),
                Set.of(), () -> "0a4f113b", 16);

        assertThat(fixed.authorize(register, unauthorized(BILOXI_MD5))).isTrue();

        List<Credentials> sent = sent(register, Headers.AUTHORIZATION);
        assertThat(sent).hasSize(1);
        Credentials c = sent.get(0);
        assertThat(c.scheme()).isEqualTo("Digest");
        assertThat(c.username()).isEqualTo("alice");
        assertThat(c.realm()).isEqualTo("biloxi.com");
        assertThat(c.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(c.uri()).isEqualTo("sip:biloxi.com");
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.qop()).isEqualTo("auth");
        assertThat(c.param("nc")).isEqualTo("00000001");
        assertThat(c.cnonce()).isEqualTo("0a4f113b");
        assertThat(c.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        // Recomputed by hand (RFC 2617 §3.2.2): no use of the code under test.
        String ha1 = md5("alice:biloxi.com:zanzibar");
        String ha2 = md5("REGISTER:sip:biloxi.com");
        assertThat(c.response())
                .isEqualTo(md5(ha1 + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:00000001:0a4f113b:auth:" + ha2));
        // RFC 7616 §3.4: quoted and unquoted parameters as written on the wire.
        String line = register.header("Authorization");
        assertThat(line).contains("uri=\"sip:biloxi.com\"", "qop=auth", "nc=00000001", "algorithm=MD5",
                "response=\"" + c.response() + "\"");
        assertThat(register.all(Headers.PROXY_AUTHORIZATION)).isEmpty();
    }

    @Test
    void proxyChallengeGetsProxyAuthorization() {
        SipRequest invite = AuthFixtures.invite("sip:bob@biloxi.com", AuthFixtures.CALL_ID);
        String challenge = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"f84f1cec41e6cbe5aea9c8e88d359\", "
                + "algorithm=SHA-256";

        assertThat(client.authorize(invite, proxyAuthRequired(challenge))).isTrue();

        assertThat(sent(invite, Headers.AUTHORIZATION)).isEmpty();
        List<Credentials> sent = sent(invite, Headers.PROXY_AUTHORIZATION);
        assertThat(sent).hasSize(1);
        Credentials c = sent.get(0);
        assertThat(c.uri()).isEqualTo("sip:bob@biloxi.com");
        assertThat(c.algorithm()).isEqualTo("SHA-256");
        assertThat(c.response()).hasSize(64).isEqualTo(expectedResponse(c, "alice", "zanzibar", invite));
        assertThat(c.param("nc")).isEqualTo("00000001");
    }

    @Test
    void strongestAlgorithmOfARealmWins() {
        SipRequest register = register();
        String md5 = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n-md5\", algorithm=MD5";
        String sha = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n-sha\", algorithm=SHA-256";

        assertThat(client.authorize(register, unauthorized(md5, sha))).isTrue();

        List<Credentials> sent = sent(register, Headers.AUTHORIZATION);
        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.algorithm()).isEqualTo("SHA-256");
            assertThat(c.nonce()).isEqualTo("n-sha");
            assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", register));
        });
    }

    @Test
    void equallyStrongAlgorithmsFollowTheServerOrder() {
        SipRequest register = register();
        String first = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n1\", algorithm=SHA-512-256";
        String second = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n2\", algorithm=SHA-256";

        assertThat(client.authorize(register, unauthorized(first, second))).isTrue();

        Credentials c = sent(register, Headers.AUTHORIZATION).get(0);
        assertThat(c.algorithm()).isEqualTo("SHA-512-256");
        assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", register));
    }

    @Test
    void twoRealmsGetOneAuthorizationEach() {
        DigestClient two = new DigestClient(CredentialsProvider.of(DigestCredentials.of("alice", "pw1", "biloxi.com"),
                DigestCredentials.of("alice.a", "pw2", "atlanta.com")));
        SipRequest register = register();

        assertThat(two.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"nb\"",
                "Digest realm=\"atlanta.com\", qop=\"auth\", nonce=\"na\", algorithm=SHA-256"))).isTrue();

        List<Credentials> sent = sent(register, Headers.AUTHORIZATION);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).realm()).isEqualTo("biloxi.com");
        assertThat(sent.get(0).username()).isEqualTo("alice");
        assertThat(sent.get(0).algorithm()).isNull();
        assertThat(sent.get(0).response()).isEqualTo(expectedResponse(sent.get(0), "alice", "pw1", register));
        assertThat(sent.get(1).realm()).isEqualTo("atlanta.com");
        assertThat(sent.get(1).username()).isEqualTo("alice.a");
        assertThat(sent.get(1).response()).isEqualTo(expectedResponse(sent.get(1), "alice.a", "pw2", register));
    }

    @Test
    void onlyRealmsWithAnAccountAreAnswered() {
        SipRequest register = register();

        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"elsewhere.example\", qop=\"auth\", nonce=\"x\"",
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"y\""))).isTrue();

        assertThat(sent(register, Headers.AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.realm()).isEqualTo("biloxi.com"));
    }

    @Test
    void noAccountForAnyRealmGivesUp() {
        SipRequest register = register();
        byte[] before = register.toBytes();

        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"elsewhere.example\", qop=\"auth\", nonce=\"x\""))).isFalse();

        assertThat(register.toBytes()).isEqualTo(before);
    }

    @Test
    void challengeWithoutQopIsAnsweredTheRfc2069Way() throws Exception {
        SipRequest register = register();

        assertThat(client.authorize(register, unauthorized("Digest realm=\"biloxi.com\", nonce=\"abc123\""))).isTrue();

        Credentials c = sent(register, Headers.AUTHORIZATION).get(0);
        assertThat(c.qop()).isNull();
        assertThat(c.cnonce()).isNull();
        assertThat(c.param("nc")).isNull();
        assertThat(c.algorithm()).isNull();
        String ha1 = md5("alice:biloxi.com:zanzibar");
        assertThat(c.response()).isEqualTo(md5(ha1 + ":abc123:" + md5("REGISTER:sip:biloxi.com")));
    }

    @Test
    void staleTrueAllowsARetryWithTheNewNonce() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized(BILOXI_MD5))).isTrue();

        String stale = "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"fresh-nonce\", stale=TRUE, algorithm=MD5";
        assertThat(client.authorize(register, unauthorized(stale))).isTrue();

        assertThat(sent(register, Headers.AUTHORIZATION)).singleElement().satisfies(c -> {
            assertThat(c.nonce()).isEqualTo("fresh-nonce");
            assertThat(c.param("nc")).isEqualTo("00000001");
            assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", register));
        });
    }

    @Test
    void sameNonceChallengedTwiceGivesUp() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized(BILOXI_MD5))).isTrue();
        String firstAnswer = register.header("Authorization");

        assertThat(client.authorize(register, unauthorized(BILOXI_MD5))).isFalse();

        assertThat(register.headers("Authorization")).containsExactly(firstAnswer);
    }

    @Test
    void freshAnswerRejectedWithANewNonceGivesUp() {
        // stale absent after a first answer: the password is wrong (RFC 7616 §3.3), asking again would loop.
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized(BILOXI_MD5))).isTrue();

        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"another\", algorithm=MD5"))).isFalse();
    }

    @Test
    void unknownAlgorithmIsIgnored() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n\", algorithm=SHA3-999"))).isFalse();
        assertThat(register.all(Headers.AUTHORIZATION)).isEmpty();

        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n\", algorithm=SHA3-999",
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"n\", algorithm=MD5"))).isTrue();
        assertThat(sent(register, Headers.AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.algorithm()).isEqualTo("MD5"));
    }

    @Test
    void malformedChallengesGiveUpWithoutException() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized("Digest realm=\"biloxi.com\", qop=\"auth\""))).isFalse();
        assertThat(client.authorize(register, unauthorized("Digest realm=\"biloxi.com\", nonce=\"\""))).isFalse();
        assertThat(client.authorize(register, unauthorized("Digest nonce=\"n\", qop=\"auth\""))).isFalse();
        assertThat(client.authorize(register, unauthorized("Digest ,,,"))).isFalse();
        assertThat(client.authorize(register, unauthorized("Digest realm=\"biloxi.com"))).isFalse();
        assertThat(client.authorize(register, unauthorized("Basic realm=\"biloxi.com\""))).isFalse();
        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth-conf\", nonce=\"n\""))).isFalse();
        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", nonce=\"n\", algorithm=MD5-sess"))).isFalse();
        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"a\\\u0001b\""))).isFalse();
        assertThat(client.authorize(register, response("401 Unauthorized"))).isFalse();
        assertThat(register.all(Headers.AUTHORIZATION)).isEmpty();
    }

    @Test
    void aMalformedLineDoesNotHideAGoodOne() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized("Digest realm=,,", BILOXI_MD5))).isTrue();
        assertThat(sent(register, Headers.AUTHORIZATION)).hasSize(1);
    }

    @Test
    void onlyChallengeStatusesAreAnswered() {
        SipRequest register = register();
        assertThat(client.authorize(register, response("403 Forbidden", "WWW-Authenticate: " + BILOXI_MD5)))
                .isFalse();
        assertThat(register.all(Headers.AUTHORIZATION)).isEmpty();
    }

    @Test
    void authIntOnlyCoversTheBody() {
        SipRequest invite = AuthFixtures.invite("sip:bob@biloxi.com", AuthFixtures.CALL_ID);
        assertThat(client.authorize(invite, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth-int\", nonce=\"ni\", algorithm=SHA-256"))).isTrue();

        Credentials c = sent(invite, Headers.AUTHORIZATION).get(0);
        assertThat(c.qop()).isEqualTo("auth-int");
        assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", invite));
        String withoutBody = DigestMath.response(DigestAlgorithm.SHA_256,
                DigestMath.secret(DigestAlgorithm.SHA_256, "alice", "biloxi.com", "zanzibar".toCharArray()), "ni",
                "00000001", c.cnonce(), "auth-int", "INVITE", "sip:bob@biloxi.com",
                DigestMath.bodyHash(DigestAlgorithm.SHA_256, new byte[0]));
        assertThat(c.response()).isNotEqualTo(withoutBody);
    }

    @Test
    void userhashSendsTheHashedUsername() {
        SipRequest register = register();
        assertThat(client.authorize(register, unauthorized(
                "Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"nu\", algorithm=SHA-256, userhash=true")))
                .isTrue();

        Credentials c = sent(register, Headers.AUTHORIZATION).get(0);
        assertThat(c.userhash()).isTrue();
        assertThat(c.username()).isEqualTo(DigestAlgorithm.SHA_256.hash("alice:biloxi.com"));
        assertThat(c.response()).isEqualTo(expectedResponse(c, "alice", "zanzibar", register));
    }

    @Test
    void wwwAndProxyChallengesInOneResponse() {
        // A forking proxy aggregates both kinds into one response (RFC 3261 §22.3).
        SipRequest invite = AuthFixtures.invite("sip:bob@biloxi.com", AuthFixtures.CALL_ID);
        assertThat(client.authorize(invite, response("407 Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"p1\"",
                "WWW-Authenticate: Digest realm=\"biloxi.com\", qop=\"auth\", nonce=\"w1\""))).isTrue();

        assertThat(sent(invite, Headers.PROXY_AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.nonce()).isEqualTo("p1"));
        assertThat(sent(invite, Headers.AUTHORIZATION)).singleElement()
                .satisfies(c -> assertThat(c.nonce()).isEqualTo("w1"));
    }

    @Test
    void credentialsOfOtherRealmsAreKept() {
        SipRequest register = register();
        register.addHeader("Authorization", "Digest username=\"x\", realm=\"other.example\", nonce=\"o\", "
                + "uri=\"sip:biloxi.com\", response=\"00\"");
        register.addHeader("Authorization", "NoOneKnowsThisScheme opaque-data=here");

        assertThat(client.authorize(register, unauthorized(BILOXI_MD5))).isTrue();

        List<String> lines = AuthFixtures.onWire(register).headers("Authorization");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("realm=\"other.example\"");
        assertThat(lines.get(1)).isEqualTo("NoOneKnowsThisScheme opaque-data=here");
        assertThat(lines.get(2)).contains("realm=\"biloxi.com\"");
    }
}
