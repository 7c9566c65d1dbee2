package io.callisto.server.auth;

import static io.callisto.server.auth.AuthTestSupport.REALM;
import static io.callisto.server.auth.AuthTestSupport.SECRET;
import static io.callisto.server.auth.AuthTestSupport.answer;
import static io.callisto.server.auth.AuthTestSupport.challenge;
import static io.callisto.server.auth.AuthTestSupport.challenges;
import static io.callisto.server.auth.AuthTestSupport.invite;
import static io.callisto.server.auth.AuthTestSupport.onWire;
import static io.callisto.server.auth.AuthTestSupport.register;
import static io.callisto.server.auth.AuthTestSupport.udpFrom;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.auth.CredentialsProvider;
import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestClient;
import io.callisto.auth.DigestCredentials;
import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Challenges, accepted and refused credentials, nonces and replays: the checks of {@link DigestAuthenticator}. */
class DigestAuthenticatorTest {
    private static final Flow FLOW = udpFrom("192.0.2.4");

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final MemoryCredentialStore store = new MemoryCredentialStore();

    DigestAuthenticatorTest() {
        store.put(Credential.fromPassword("alice", REALM, "wonderland".toCharArray()));
        store.put(Credential.fromPassword("bob", REALM, "builder".toCharArray()));
    }

    private DigestAuthenticator authenticator(AuthConfig config) {
        return new DigestAuthenticator(config, store, clock::get, SECRET);
    }

    private final DigestAuthenticator auth = authenticator(AuthConfig.defaults());

    /** The nonce of a fresh challenge to a REGISTER. */
    private String nonce(DigestAuthenticator a, boolean proxy) {
        AuthResult r = a.authenticate(register("alice"), FLOW, REALM, proxy);
        return challenge(((AuthResult.Challenge) r).response(), a.config().algorithms().get(0)).nonce();
    }

    private static SipResponse responseOf(AuthResult r) {
        if (r instanceof AuthResult.Challenge c) {
            return c.response();
        }
        return ((AuthResult.Rejected) r).response();
    }

    @Test
    void challengeToARegisterIs401WithOneChallengePerAlgorithmStrongestFirst() {
        AuthResult r = auth.authenticate(register("alice"), FLOW, REALM, false);

        assertThat(r).isInstanceOf(AuthResult.Challenge.class);
        SipResponse wire = onWire(responseOf(r));
        assertThat(wire.status()).isEqualTo(401);
        assertThat(wire.reason()).isEqualTo("Unauthorized");
        assertThat(wire.to().tag()).isNotEmpty();
        assertThat(wire.all(Headers.PROXY_AUTHENTICATE)).isEmpty();
        List<Challenge> cs = wire.all(Headers.WWW_AUTHENTICATE);
        assertThat(cs).extracting(Challenge::algorithm).containsExactly("SHA-256", "MD5");
        for (Challenge c : cs) {
            assertThat(c.isDigest()).isTrue();
            assertThat(c.realm()).isEqualTo(REALM);
            assertThat(c.qopOptions()).containsExactly("auth");
            assertThat(c.stale()).isFalse();
            assertThat(c.nonce()).hasSize(43).isEqualTo(cs.get(0).nonce());
        }
        // RFC 7616 §3.3: realm, nonce and qop quoted; algorithm a token.
        assertThat(wire.header("WWW-Authenticate")).contains("realm=\"example.com\"", "qop=\"auth\"",
                "algorithm=SHA-256");
    }

    @Test
    void challengeFromAProxyIs407WithProxyAuthenticate() {
        AuthResult r = auth.authenticate(invite("sip:bob@example.com"), FLOW, REALM, true);

        SipResponse wire = onWire(responseOf(r));
        assertThat(wire.status()).isEqualTo(407);
        assertThat(wire.reason()).isEqualTo("Proxy Authentication Required");
        assertThat(wire.all(Headers.WWW_AUTHENTICATE)).isEmpty();
        assertThat(wire.all(Headers.PROXY_AUTHENTICATE)).extracting(Challenge::algorithm)
                .containsExactly("SHA-256", "MD5");
    }

    @Test
    void challengesEachDifferentNonces() {
        assertThat(nonce(auth, false)).isNotEqualTo(nonce(auth, false));
    }

    @Test
    void authIntIsOfferedWhenConfigured() {
        DigestAuthenticator a = authenticator(AuthConfig.builder().offerAuthInt(true)
                .algorithms(List.of(DigestAlgorithm.SHA_256)).build());

        List<Challenge> cs = challenges(responseOf(a.authenticate(register("alice"), FLOW, REALM, false)));

        assertThat(cs).hasSize(1);
        assertThat(cs.get(0).qopOptions()).containsExactly("auth", "auth-int");
    }

    @Test
    void rightPasswordWithMd5IsAccepted() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        SipRequest answered = register("alice",
                "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.MD5, 1));

        assertThat(auth.authenticate(answered, FLOW, REALM, false)).isEqualTo(new AuthResult.Accepted("alice"));
        assertThat(auth.stats().accepted()).isEqualTo(1);
    }

    @Test
    void digestClientAnswerToA401IsAcceptedWithSha256() {
        SipRequest req = register("alice");
        SipResponse challenge = onWire(responseOf(auth.authenticate(req, FLOW, REALM, false)));
        DigestClient client = new DigestClient(CredentialsProvider.of(DigestCredentials.of("alice", "wonderland")));

        assertThat(client.authorize(req, challenge)).isTrue();
        SipRequest resent = (SipRequest) SipParser.DEFAULT.parseDatagram(req.toBytes());

        assertThat(resent.first(Headers.AUTHORIZATION).algorithm()).isEqualTo("SHA-256");
        assertThat(auth.authenticate(resent, FLOW, REALM, false)).isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void digestClientAnswerToA407IsAcceptedWithSha256AndMd5() {
        for (DigestAlgorithm alg : List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)) {
            DigestAuthenticator a = authenticator(AuthConfig.builder().algorithms(List.of(alg)).build());
            SipRequest req = invite("sip:bob@example.com");
            SipResponse challenge = onWire(responseOf(a.authenticate(req, FLOW, REALM, true)));
            DigestClient client = new DigestClient(
                    CredentialsProvider.of(DigestCredentials.of("alice", "wonderland")));

            assertThat(client.authorize(req, challenge)).isTrue();
            SipRequest resent = (SipRequest) SipParser.DEFAULT.parseDatagram(req.toBytes());

            assertThat(resent.first(Headers.PROXY_AUTHORIZATION).algorithm()).isEqualTo(alg.token());
            assertThat(a.authenticate(resent, FLOW, REALM, true)).isEqualTo(new AuthResult.Accepted("alice"));
        }
    }

    @Test
    void sessionAndSha512VariantsAreAcceptedWhenOffered() {
        for (DigestAlgorithm alg : List.of(DigestAlgorithm.MD5_SESS, DigestAlgorithm.SHA_256_SESS,
                DigestAlgorithm.SHA_512_256, DigestAlgorithm.SHA_512_256_SESS)) {
            DigestAuthenticator a = authenticator(AuthConfig.builder().algorithms(List.of(alg)).build());
            String nonce = nonce(a, false);
            SipRequest req = register("alice");
            SipRequest answered = register("alice",
                    "Authorization: " + answer(req, "alice", "wonderland", nonce, alg, 1));

            assertThat(a.authenticate(answered, FLOW, REALM, false)).as(alg.token())
                    .isEqualTo(new AuthResult.Accepted("alice"));
        }
    }

    @Test
    void authIntCoversTheBody() {
        String nonce = nonce(auth, true);
        SipRequest req = invite("sip:bob@example.com");
        String creds = answer(req, "alice", "wonderland", REALM, nonce, DigestAlgorithm.SHA_256, "auth-int", 1,
                "sip:bob@example.com");

        assertThat(auth.authenticate(invite("sip:bob@example.com", "Proxy-Authorization: " + creds), FLOW, REALM,
                true)).isEqualTo(new AuthResult.Accepted("alice"));

        // The same credentials over another body: the digest no longer matches.
        String other = "v=0\r\no=mallory 1 1 IN IP4 203.0.113.1\r\ns=-\r\nc=IN IP4 203.0.113.1\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0\r\n";
        String text = new String(invite("sip:bob@example.com", "Proxy-Authorization: " + creds).toBytes());
        String tampered = text.substring(0, text.indexOf("\r\n\r\n") + 4).replaceAll("Content-Length: \\d+",
                "Content-Length: " + other.length()) + other;
        AuthResult r = auth.authenticate((SipRequest) SipParser.DEFAULT.parseDatagram(tampered.getBytes()), FLOW,
                REALM, true);
        assertThat(responseOf(r).status()).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsRejectedWith403() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        SipRequest answered = register("alice",
                "Authorization: " + answer(req, "alice", "guess", nonce, DigestAlgorithm.SHA_256, 1));

        AuthResult r = auth.authenticate(answered, FLOW, REALM, false);

        assertThat(r).isInstanceOf(AuthResult.Rejected.class);
        assertThat(responseOf(r).status()).isEqualTo(403);
        assertThat(auth.stats().rejected()).isEqualTo(1);
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        String nonce = nonce(auth, false);
        SipRequest req = register("carol");
        AuthResult unknown = auth.authenticate(register("carol",
                "Authorization: " + answer(req, "carol", "x", nonce, DigestAlgorithm.SHA_256, 1)), FLOW, REALM,
                false);
        AuthResult wrong = auth.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", "x", nonce, DigestAlgorithm.SHA_256, 1)), FLOW, REALM,
                false);

        assertThat(unknown).isInstanceOf(AuthResult.Rejected.class);
        assertThat(responseOf(unknown).startLine()).isEqualTo(responseOf(wrong).startLine())
                .isEqualTo("SIP/2.0 403 Forbidden");
    }

    @Test
    void credentialsForAnotherRealmGetAFreshChallengeAndAreNotAFailure() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        String creds = answer(req, "alice", "wonderland", "other.org", nonce, DigestAlgorithm.SHA_256, "auth", 1,
                "sip:example.com");

        AuthResult r = auth.authenticate(register("alice", "Authorization: " + creds), FLOW, REALM, false);

        assertThat(r).isInstanceOf(AuthResult.Challenge.class);
        assertThat(challenge(responseOf(r), DigestAlgorithm.SHA_256).stale()).isFalse();
        assertThat(auth.stats().rejected()).isZero();
    }

    @Test
    void digestUriMustNameTheRequestUri() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        String creds = answer(req, "alice", "wonderland", REALM, nonce, DigestAlgorithm.SHA_256, "auth", 1,
                "sip:elsewhere.org");

        AuthResult r = auth.authenticate(register("alice", "Authorization: " + creds), FLOW, REALM, false);

        assertThat(responseOf(r).startLine()).isEqualTo("SIP/2.0 400 Digest uri does not match the Request-URI");
    }

    @Test
    void anEquivalentDigestUriIsAccepted() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        String creds = answer(req, "alice", "wonderland", REALM, nonce, DigestAlgorithm.SHA_256, "auth", 1,
                "sip:EXAMPLE.COM");

        assertThat(auth.authenticate(register("alice", "Authorization: " + creds), FLOW, REALM, false))
                .isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void digestUriCheckCanBeTurnedOff() {
        DigestAuthenticator a = authenticator(AuthConfig.builder().checkDigestUri(false).build());
        String nonce = nonce(a, false);
        SipRequest req = register("alice");
        String creds = answer(req, "alice", "wonderland", REALM, nonce, DigestAlgorithm.SHA_256, "auth", 1,
                "sip:alice@retargeted.example.com");

        assertThat(a.authenticate(register("alice", "Authorization: " + creds), FLOW, REALM, false))
                .isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void expiredNonceWithTheRightPasswordGetsAStaleChallengeWhoseNonceWorks() {
        String nonce = nonce(auth, false);
        clock.addAndGet(300_000);
        SipRequest req = register("alice");

        AuthResult r = auth.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, 1)), FLOW,
                REALM, false);

        assertThat(r).isInstanceOf(AuthResult.Challenge.class);
        Challenge fresh = challenge(responseOf(r), DigestAlgorithm.SHA_256);
        assertThat(fresh.stale()).isTrue();
        assertThat(responseOf(r).header("WWW-Authenticate")).contains("stale=true");
        assertThat(auth.authenticate(register("alice", "Authorization: "
                + answer(req, "alice", "wonderland", fresh.nonce(), DigestAlgorithm.SHA_256, 1)), FLOW, REALM,
                false)).isEqualTo(new AuthResult.Accepted("alice"));
        assertThat(auth.stats().staleChallenged()).isEqualTo(1);
    }

    @Test
    void nonceIsValidUntilJustBeforeItsLifetimeEnds() {
        String nonce = nonce(auth, false);
        clock.addAndGet(299_999);
        SipRequest req = register("alice");

        assertThat(auth.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, 1)), FLOW,
                REALM, false)).isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void expiredNonceWithAWrongPasswordIsRejected() {
        String nonce = nonce(auth, false);
        clock.addAndGet(600_000);
        SipRequest req = register("alice");

        AuthResult r = auth.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", "guess", nonce, DigestAlgorithm.SHA_256, 1)), FLOW, REALM,
                false);

        assertThat(responseOf(r).status()).isEqualTo(403);
    }

    @Test
    void forgedNonceIsNeverAccepted() {
        String nonce = nonce(auth, false);
        char last = nonce.charAt(10);
        String forged = nonce.substring(0, 10) + (last == 'A' ? 'B' : 'A') + nonce.substring(11);
        String foreign = new DigestAuthenticator(AuthConfig.defaults(), store, clock::get,
                "another secret of 32 bytes......".getBytes()).authenticate(register("alice"), FLOW, REALM, false)
                instanceof AuthResult.Challenge c ? challenge(c.response(), DigestAlgorithm.SHA_256).nonce() : null;
        SipRequest req = register("alice");

        for (String bad : List.of(forged, foreign, "dcd98b7102dd2f0e8b11d0f600bfb0c093", nonce + "x")) {
            AuthResult r = auth.authenticate(register("alice",
                    "Authorization: " + answer(req, "alice", "wonderland", bad, DigestAlgorithm.SHA_256, 1)), FLOW,
                    REALM, false);
            // The password is right, so the client may retry at once with a nonce of ours (RFC 7616 §3.3).
            assertThat(r).as(bad).isInstanceOf(AuthResult.Challenge.class);
            assertThat(challenge(responseOf(r), DigestAlgorithm.SHA_256).stale()).isTrue();
        }
        AuthResult wrong = auth.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", "guess", forged, DigestAlgorithm.SHA_256, 1)), FLOW, REALM,
                false);
        assertThat(responseOf(wrong).status()).isEqualTo(403);
    }

    @Test
    void nonceOfAnotherRealmIsNotAccepted() {
        String nonce = nonce(auth, false);
        store.put(Credential.fromPassword("alice", "other.org", "wonderland".toCharArray()));
        SipRequest req = register("alice");
        String creds = answer(req, "alice", "wonderland", "other.org", nonce, DigestAlgorithm.SHA_256, "auth", 1,
                "sip:example.com");

        AuthResult r = auth.authenticate(register("alice", "Authorization: " + creds), FLOW, "other.org", false);

        assertThat(challenge(responseOf(r), DigestAlgorithm.SHA_256).stale()).isTrue();
    }

    @Test
    void replayedNonceCountGetsAStaleChallenge() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        String creds = "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, 1);

        assertThat(auth.authenticate(register("alice", creds), FLOW, REALM, false)).isInstanceOf(
                AuthResult.Accepted.class);
        AuthResult replay = auth.authenticate(register("alice", creds), FLOW, REALM, false);

        assertThat(replay).isInstanceOf(AuthResult.Challenge.class);
        assertThat(challenge(responseOf(replay), DigestAlgorithm.SHA_256).stale()).isTrue();
    }

    @Test
    void increasingNonceCountsAreAcceptedAndLowerOnesRefused() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");

        for (long nc : new long[] {1, 2, 3, 7}) {
            assertThat(auth.authenticate(register("alice",
                    "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, nc)), FLOW,
                    REALM, false)).as("nc %d", nc).isEqualTo(new AuthResult.Accepted("alice"));
        }
        for (long nc : new long[] {7, 5, 1}) {
            assertThat(auth.authenticate(register("alice",
                    "Authorization: " + answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, nc)), FLOW,
                    REALM, false)).as("nc %d", nc).isInstanceOf(AuthResult.Challenge.class);
        }
        // Another user answering the same nonce has a count of its own.
        assertThat(auth.authenticate(register("bob",
                "Authorization: " + answer(register("bob"), "bob", "builder", nonce, DigestAlgorithm.SHA_256, 1)),
                FLOW, REALM, false)).isEqualTo(new AuthResult.Accepted("bob"));
    }

    @Test
    void rfc2069AnswersAreRefusedUnlessAllowedAndThenGoodOnce() {
        String nonce = nonce(auth, false);
        SipRequest req = register("alice");
        String creds = "Authorization: " + answer(req, "alice", "wonderland", REALM, nonce, DigestAlgorithm.MD5,
                null, 1, "sip:example.com");

        assertThat(responseOf(auth.authenticate(register("alice", creds), FLOW, REALM, false)).startLine())
                .isEqualTo("SIP/2.0 400 Malformed Authorization (qop missing)");

        DigestAuthenticator legacy = authenticator(AuthConfig.builder().acceptNoQop(true).build());
        String legacyNonce = nonce(legacy, false);
        String legacyCreds = "Authorization: " + answer(req, "alice", "wonderland", REALM, legacyNonce,
                DigestAlgorithm.MD5, null, 1, "sip:example.com");
        assertThat(legacy.authenticate(register("alice", legacyCreds), FLOW, REALM, false))
                .isEqualTo(new AuthResult.Accepted("alice"));
        assertThat(legacy.authenticate(register("alice", legacyCreds), FLOW, REALM, false))
                .isInstanceOf(AuthResult.Challenge.class);
    }

    @Test
    void proxyReadsOnlyProxyAuthorizationAndRegistrarOnlyAuthorization() {
        String nonce = nonce(auth, true);
        SipRequest req = invite("sip:bob@example.com");
        String creds = answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, 1);

        assertThat(auth.authenticate(invite("sip:bob@example.com", "Authorization: " + creds), FLOW, REALM, true))
                .isInstanceOf(AuthResult.Challenge.class);
        assertThat(auth.authenticate(invite("sip:bob@example.com", "Proxy-Authorization: " + creds), FLOW, REALM,
                false)).isInstanceOf(AuthResult.Challenge.class);
        assertThat(auth.authenticate(invite("sip:bob@example.com", "Proxy-Authorization: " + creds), FLOW, REALM,
                true)).isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void ourCredentialsArePickedAmongThoseOfOtherProxiesOfTheSameRealm() {
        String nonce = nonce(auth, true);
        SipRequest req = invite("sip:bob@example.com");
        String theirs = answer(req, "alice", "wonderland", "c29tZW9uZSBlbHNlJ3Mgbm9uY2U", DigestAlgorithm.SHA_256,
                1);
        String ours = answer(req, "alice", "wonderland", nonce, DigestAlgorithm.SHA_256, 1);

        assertThat(auth.authenticate(invite("sip:bob@example.com", "Proxy-Authorization: " + theirs,
                "Proxy-Authorization: " + ours), FLOW, REALM, true)).isEqualTo(new AuthResult.Accepted("alice"));
    }

    @Test
    void consumeCredentialsRemovesOnlyOurRealm() {
        SipRequest req = invite("sip:bob@example.com",
                "Proxy-Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"a\", uri=\"sip:x\", "
                        + "response=\"1\"",
                "Proxy-Authorization: Digest username=\"alice\", realm=\"carrier.net\", nonce=\"b\", uri=\"sip:x\", "
                        + "response=\"2\"");

        assertThat(DigestAuthenticator.consumeCredentials(req, REALM)).isEqualTo(1);

        SipRequest wire = (SipRequest) SipParser.DEFAULT.parseDatagram(req.toBytes());
        assertThat(wire.all(Headers.PROXY_AUTHORIZATION)).extracting(c -> c.realm()).containsExactly("carrier.net");
        assertThat(DigestAuthenticator.consumeCredentials(wire, REALM)).isZero();
    }
}
