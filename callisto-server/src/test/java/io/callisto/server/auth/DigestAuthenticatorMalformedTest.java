package io.callisto.server.auth;

import static io.callisto.server.auth.AuthTestSupport.REALM;
import static io.callisto.server.auth.AuthTestSupport.SECRET;
import static io.callisto.server.auth.AuthTestSupport.challenge;
import static io.callisto.server.auth.AuthTestSupport.register;
import static io.callisto.server.auth.AuthTestSupport.udpFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transport.Flow;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Hostile and broken credentials: a clear 400, a challenge where the client may just not know yet, no throw. */
class DigestAuthenticatorMalformedTest {
    private static final Flow FLOW = udpFrom("198.51.100.7");
    private static final String HEX64 = "a".repeat(64);

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final MemoryCredentialStore store = new MemoryCredentialStore();
    private final DigestAuthenticator auth;
    private final String nonce;

    DigestAuthenticatorMalformedTest() {
        store.put(Credential.fromPassword("alice", REALM, "wonderland".toCharArray()));
        auth = new DigestAuthenticator(AuthConfig.builder().maxFailures(1_000_000).build(), store, clock::get,
                SECRET);
        AuthResult r = auth.authenticate(register("alice"), FLOW, REALM, false);
        nonce = challenge(((AuthResult.Challenge) r).response(), DigestAlgorithm.SHA_256).nonce();
    }

    private SipResponse answerTo(String authorization) {
        AuthResult r = auth.authenticate(register("alice", "Authorization: " + authorization), FLOW, REALM, false);
        assertThat(r).isNotInstanceOf(AuthResult.Accepted.class);
        return r instanceof AuthResult.Challenge c ? c.response() : ((AuthResult.Rejected) r).response();
    }

    private String fields(String... extra) {
        StringBuilder sb = new StringBuilder("Digest username=\"alice\", realm=\"example.com\", nonce=\"")
                .append(nonce).append("\", uri=\"sip:example.com\"");
        for (String e : extra) {
            sb.append(", ").append(e);
        }
        return sb.toString();
    }

    @Test
    void unparsableHeaderIs400NamingTheProblem() {
        assertThat(answerTo("Digest username=\"alice\", realm=").startLine())
                .isEqualTo("SIP/2.0 400 Malformed Authorization (auth-param value expected)");
        assertThat(answerTo(fields("nc=zz", "response=\"" + HEX64 + "\"")).startLine())
                .isEqualTo("SIP/2.0 400 Malformed Authorization (nc must be 8 hexadecimal digits)");
        assertThat(answerTo(fields("realm=\"again\"")).startLine())
                .isEqualTo("SIP/2.0 400 Malformed Authorization (duplicate auth-param realm)");
    }

    @Test
    void missingOrInvalidParametersAre400() {
        String resp = "response=\"" + HEX64 + "\"";
        assertThat(answerTo("Digest realm=\"example.com\", nonce=\"" + nonce + "\", uri=\"sip:example.com\", " + resp
                + ", qop=auth, nc=00000001, cnonce=\"c\"").reason()).isEqualTo("Malformed Authorization (username missing)");
        assertThat(answerTo("Digest username=\"alice\", realm=\"example.com\", nonce=\"" + nonce + "\", " + resp
                + ", qop=auth, nc=00000001, cnonce=\"c\"").reason()).isEqualTo("Malformed Authorization (uri missing)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-1", "qop=auth", "nc=00000001", "cnonce=\"c\"")).reason())
                .isEqualTo("Malformed Authorization (unsupported digest algorithm)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-512-256", "qop=auth", "nc=00000001", "cnonce=\"c\""))
                .reason()).isEqualTo("Malformed Authorization (digest algorithm SHA-512-256 not offered)");
        assertThat(answerTo(fields("response=\"abc\"", "algorithm=SHA-256", "qop=auth", "nc=00000001",
                "cnonce=\"c\"")).reason()).isEqualTo("Malformed Authorization (response is not a SHA-256 digest)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-256")).reason())
                .isEqualTo("Malformed Authorization (qop missing)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-256", "qop=auth-conf", "nc=00000001", "cnonce=\"c\""))
                .reason()).isEqualTo("Malformed Authorization (unsupported qop)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-256", "qop=auth", "cnonce=\"c\"")).reason())
                .isEqualTo("Malformed Authorization (nc missing)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-256", "qop=auth", "nc=00000000", "cnonce=\"c\""))
                .reason()).isEqualTo("Malformed Authorization (nc must be at least 1)");
        assertThat(answerTo(fields(resp, "algorithm=SHA-256", "qop=auth", "nc=00000001")).reason())
                .isEqualTo("Malformed Authorization (cnonce missing)");
        assertThat(answerTo("Digest username*=UTF-8''%c3%a4, realm=\"example.com\", nonce=\"" + nonce
                + "\", uri=\"sip:example.com\", " + resp + ", qop=auth, nc=00000001, cnonce=\"c\"").reason())
                .isEqualTo("Malformed Authorization (username* not supported)");
        assertThat(answerTo(fields(resp, "userhash=true", "qop=auth", "nc=00000001", "cnonce=\"c\"")).reason())
                .isEqualTo("Malformed Authorization (userhash not supported)");
        assertThat(auth.stats().rejected()).isEqualTo(12);
    }

    @Test
    void placeholdersAndOtherSchemesGetAChallenge() {
        // RFC 8760 §2.7: empty values before the first challenge; RFC 3261 §22.4: never Basic.
        assertThat(answerTo(
                "Digest username=\"alice\", realm=\"example.com\", nonce=\"\", uri=\"sip:example.com\", response=\"\"")
                .status()).isEqualTo(401);
        assertThat(answerTo("Basic realm=\"example.com\", credentials=\"YWxpY2U6d29uZGVybGFuZA==\"").status())
                .isEqualTo(401);
        assertThat(answerTo("NoOneKnowsThisScheme opaque-data=here").status()).isEqualTo(401);
        assertThat(auth.stats().rejected()).isZero();
    }

    @Test
    void anUnparsableDigestUriIs400() {
        String text = "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKmal\r\n"
                + "To: <sip:alice@example.com>\r\nFrom: <sip:alice@example.com>;tag=1\r\n"
                + "Call-ID: x@y\r\nCSeq: 1 REGISTER\r\n"
                + "Authorization: " + fields("response=\"" + HEX64 + "\"", "algorithm=SHA-256", "qop=auth",
                        "nc=00000001", "cnonce=\"c\"").replace("uri=\"sip:example.com\"", "uri=\"sip:[::1\"")
                + "\r\nContent-Length: 0\r\n\r\n";
        SipRequest req = (SipRequest) SipParser.DEFAULT.parseDatagram(text.getBytes());

        AuthResult r = auth.authenticate(req, FLOW, REALM, false);

        assertThat(((AuthResult.Rejected) r).response().startLine())
                .isEqualTo("SIP/2.0 400 Digest uri does not match the Request-URI");
    }

    @Test
    void randomGarbageNeverThrowsAndIsNeverAccepted() {
        Random random = new Random(4242);
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEF0123456789 =,\"\\;:@<>/-_.*%'\t";
        String[] prefixes = {"Digest ", "Digest username=\"alice\", ", fields("response=\"" + HEX64 + "\"") + ", ",
            "", "Digest realm=\"example.com\", "};
        for (int i = 0; i < 3_000; i++) {
            StringBuilder sb = new StringBuilder(prefixes[i % prefixes.length]);
            int len = random.nextInt(120);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = sb.toString().strip();
            SipRequest req;
            try {
                req = register("alice", "Authorization: " + value);
            } catch (ParseError e) {
                continue; // the message itself is not SIP; the transport layer answers it
            }
            assertThatCode(() -> {
                AuthResult r = auth.authenticate(req, FLOW, REALM, false);
                assertThat(r).as(value).isNotInstanceOf(AuthResult.Accepted.class);
                SipResponse resp = r instanceof AuthResult.Challenge c ? c.response()
                        : ((AuthResult.Rejected) r).response();
                assertThat(resp.status()).as(value).isIn(400, 401, 403);
                SipParser.DEFAULT.parseDatagram(resp.toBytes()); // what goes on the wire is well-formed
            }).as(value).doesNotThrowAnyException();
        }
    }
}
