package io.callisto.server.auth;

import static io.callisto.server.auth.AuthTestSupport.REALM;
import static io.callisto.server.auth.AuthTestSupport.SECRET;
import static io.callisto.server.auth.AuthTestSupport.answer;
import static io.callisto.server.auth.AuthTestSupport.challenge;
import static io.callisto.server.auth.AuthTestSupport.register;
import static io.callisto.server.auth.AuthTestSupport.udpFrom;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callisto.auth.DigestAlgorithm;
import io.callisto.sip.message.SipRequest;
import io.callisto.transport.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The failure rate limit per source and the bounds on tracked state, on a clock the test moves. */
class DigestAuthenticatorLimitsTest {
    private static final Flow ATTACKER = udpFrom("203.0.113.9");
    private static final Flow ALICE = udpFrom("192.0.2.4");

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final MemoryCredentialStore store = new MemoryCredentialStore();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DigestAuthenticator.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level level;

    @BeforeEach
    void captureLog() {
        store.put(Credential.fromPassword("alice", REALM, "wonderland".toCharArray()));
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(log);
        logger.setLevel(level);
    }

    private DigestAuthenticator authenticator(AuthConfig config) {
        return new DigestAuthenticator(config, store, clock::get, SECRET);
    }

    private static String nonce(DigestAuthenticator a, Flow flow) {
        AuthResult r = a.authenticate(register("alice"), flow, REALM, false);
        return challenge(((AuthResult.Challenge) r).response(), DigestAlgorithm.SHA_256).nonce();
    }

    private static AuthResult attempt(DigestAuthenticator a, Flow flow, String password, String nonce, long nc) {
        SipRequest req = register("alice");
        return a.authenticate(register("alice",
                "Authorization: " + answer(req, "alice", password, nonce, DigestAlgorithm.SHA_256, nc)), flow, REALM,
                false);
    }

    private static int status(AuthResult r) {
        return r instanceof AuthResult.Rejected x ? x.response().status()
                : r instanceof AuthResult.Challenge c ? c.response().status() : 200;
    }

    private List<ILoggingEvent> warnings() {
        List<ILoggingEvent> out = new ArrayList<>();
        for (ILoggingEvent e : log.list) {
            if (e.getLevel() == Level.WARN) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void sourceIsBlockedAfterTheLimitAndReleasedAfterTheBlock() {
        DigestAuthenticator a = authenticator(AuthConfig.defaults());
        String nonce = nonce(a, ATTACKER);

        for (int i = 1; i <= 10; i++) {
            assertThat(status(attempt(a, ATTACKER, "guess" + i, nonce, i))).isEqualTo(403);
        }
        // Blocked: even the right password from that source is refused without a check, and so is a first request.
        AuthResult blocked = attempt(a, ATTACKER, "wonderland", nonce, 11);
        assertThat(((AuthResult.Rejected) blocked).response().startLine())
                .isEqualTo("SIP/2.0 403 Too many failed authentication attempts");
        assertThat(status(a.authenticate(register("alice"), ATTACKER, REALM, false))).isEqualTo(403);
        // Other sources are not affected.
        assertThat(attempt(a, ALICE, "wonderland", nonce(a, ALICE), 1)).isInstanceOf(AuthResult.Accepted.class);
        for (int i = 0; i < 20; i++) {
            attempt(a, ATTACKER, "guess", nonce, 20 + i);
        }

        List<ILoggingEvent> warnings = warnings();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).contains("203.0.113.9", "300 s", "10 failed attempts",
                "\"alice\"", "wrong password");
        assertThat(a.stats().blocks()).isEqualTo(1);
        assertThat(a.stats().blockedRequests()).isEqualTo(22);

        clock.addAndGet(Duration.ofSeconds(299).toMillis());
        assertThat(status(attempt(a, ATTACKER, "wonderland", nonce(a, ALICE), 1))).isEqualTo(403);
        clock.addAndGet(Duration.ofSeconds(1).toMillis());
        assertThat(attempt(a, ATTACKER, "wonderland", nonce(a, ATTACKER), 1)).isInstanceOf(AuthResult.Accepted.class);

        // The count starts again after a block: a new block needs the full number of failures, and logs again.
        String fresh = nonce(a, ATTACKER);
        for (int i = 1; i <= 9; i++) {
            assertThat(status(attempt(a, ATTACKER, "guess", fresh, i))).isEqualTo(403);
        }
        assertThat(status(a.authenticate(register("alice"), ATTACKER, REALM, false))).isEqualTo(401);
        attempt(a, ATTACKER, "guess", fresh, 10);
        assertThat(status(a.authenticate(register("alice"), ATTACKER, REALM, false))).isEqualTo(403);
        assertThat(warnings()).hasSize(2);
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        DigestAuthenticator a = authenticator(AuthConfig.defaults());
        String nonce = nonce(a, ATTACKER);

        for (int i = 1; i <= 9; i++) {
            attempt(a, ATTACKER, "guess", nonce, i);
        }
        clock.addAndGet(60_000);
        nonce = nonce(a, ATTACKER);
        for (int i = 1; i <= 9; i++) {
            attempt(a, ATTACKER, "guess", nonce, i);
        }

        assertThat(status(a.authenticate(register("alice"), ATTACKER, REALM, false))).isEqualTo(401);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void challengesAndStaleNoncesAreNotFailures() {
        DigestAuthenticator a = authenticator(AuthConfig.builder().maxFailures(2).build());
        String nonce = nonce(a, ATTACKER);
        for (int i = 0; i < 10; i++) {
            a.authenticate(register("alice"), ATTACKER, REALM, false);
        }
        assertThat(attempt(a, ATTACKER, "wonderland", nonce, 1)).isInstanceOf(AuthResult.Accepted.class);
        for (int i = 0; i < 5; i++) {
            assertThat(status(attempt(a, ATTACKER, "wonderland", nonce, 1))).isEqualTo(401); // replays
        }
        clock.addAndGet(600_000);
        assertThat(status(attempt(a, ATTACKER, "wonderland", nonce, 2))).isEqualTo(401); // expired

        assertThat(a.stats().blocks()).isZero();
        assertThat(a.stats().rejected()).isZero();
    }

    @Test
    void ipv6SourcesAreCountedPerSlash64() {
        DigestAuthenticator a = authenticator(AuthConfig.defaults());
        String nonce = nonce(a, ALICE);

        for (int i = 1; i <= 10; i++) {
            attempt(a, udpFrom("2001:db8:1:2::" + Integer.toHexString(i)), "guess", nonce, i);
        }

        assertThat(status(a.authenticate(register("alice"), udpFrom("2001:db8:1:2:ffff::1"), REALM, false)))
                .isEqualTo(403);
        assertThat(status(a.authenticate(register("alice"), udpFrom("2001:db8:1:3::1"), REALM, false)))
                .isEqualTo(401);
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0).getFormattedMessage()).contains("2001:db8:1:2:0:0:0:0/64");
    }

    @Test
    void failureTableStaysBoundedUnderASprayFromManyAddresses() {
        DigestAuthenticator a = authenticator(AuthConfig.builder().maxTrackedAddresses(100).build());
        String nonce = nonce(a, ALICE);

        for (int i = 0; i < 5_000; i++) {
            Flow source = udpFrom("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            assertThat(status(attempt(a, source, "guess", nonce, 1))).isEqualTo(403);
        }

        assertThat(a.stats().trackedAddresses()).isLessThanOrEqualTo(100);
        // The table still works: a source that keeps failing is blocked.
        for (int i = 1; i <= 10; i++) {
            attempt(a, ATTACKER, "guess", nonce, i);
        }
        assertThat(status(a.authenticate(register("alice"), ATTACKER, REALM, false))).isEqualTo(403);
    }

    @Test
    void idleSourcesAreForgotten() {
        DigestAuthenticator a = authenticator(AuthConfig.defaults());
        String nonce = nonce(a, ALICE);
        for (int i = 0; i < 50; i++) {
            attempt(a, udpFrom("10.0.0." + i), "guess", nonce, 1);
        }
        assertThat(a.stats().trackedAddresses()).isEqualTo(50);

        clock.addAndGet(60_000);
        for (int i = 0; i < 30; i++) {
            attempt(a, udpFrom("10.0.1." + i), "guess", nonce(a, ALICE), 1);
        }

        assertThat(a.stats().trackedAddresses()).isLessThanOrEqualTo(30);
    }

    @Test
    void nonceTableStaysBoundedAndEvictedNoncesCannotBeReplayed() {
        DigestAuthenticator a = authenticator(AuthConfig.builder().maxTrackedNonces(50).build());
        String first = nonce(a, ALICE);
        assertThat(attempt(a, ALICE, "wonderland", first, 1)).isInstanceOf(AuthResult.Accepted.class);

        for (int i = 0; i < 2_000; i++) {
            clock.incrementAndGet();
            assertThat(attempt(a, ALICE, "wonderland", nonce(a, ALICE), 1)).isInstanceOf(AuthResult.Accepted.class);
        }

        assertThat(a.stats().trackedNonces()).isLessThanOrEqualTo(50);
        // The first nonce's count was forgotten: it is refused as stale rather than accepted again.
        assertThat(status(attempt(a, ALICE, "wonderland", first, 1))).isEqualTo(401);
        assertThat(status(attempt(a, ALICE, "wonderland", first, 2))).isEqualTo(401);
        // A nonce issued now still works.
        clock.incrementAndGet();
        assertThat(attempt(a, ALICE, "wonderland", nonce(a, ALICE), 1)).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void expiredNoncesLeaveTheTable() {
        DigestAuthenticator a = authenticator(AuthConfig.defaults());
        for (int i = 0; i < 40; i++) {
            attempt(a, ALICE, "wonderland", nonce(a, ALICE), 1);
        }
        assertThat(a.stats().trackedNonces()).isEqualTo(40);

        clock.addAndGet(300_000);
        for (int i = 0; i < 20; i++) {
            attempt(a, ALICE, "wonderland", nonce(a, ALICE), 1);
        }

        assertThat(a.stats().trackedNonces()).isEqualTo(20);
    }
}
