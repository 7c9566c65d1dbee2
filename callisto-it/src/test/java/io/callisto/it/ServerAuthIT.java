package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Digest authentication of REGISTER (RFC 3261 §22.2, RFC 7616, RFC 8760) by a {@code callisto server --auth on}
 * whose user was added with {@code callisto user add}, against SIPp's own digest client ({@code [authentication]}).
 *
 * <p>SIPp 3.6 computes MD5 only and answers the first challenge of a 401, so the server offers MD5 first
 * ({@code auth.algorithms: [MD5, SHA-256]}); with the default order (SHA-256 first) SIPp stops with "authentication
 * must use MD5 or AKAv1-MD5".
 */
class ServerAuthIT {

    @TempDir
    static Path dir;
    private static CallistoServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path data = dir.resolve("data");
        Cli.Result added = Cli.run(dir, "user-add", 60, "user", "add", "alice", "--realm", CallistoServer.DOMAIN,
                "--password", "secret", "--data", data.toString());
        assertThat(added.exitCode()).as("callisto user add\n%s%s", added.stdout(), added.stderr()).isZero();
        server = CallistoServer.in(dir).data(data).config("auth:\n  algorithms: [MD5, SHA-256]\n")
                .args("--auth", "on").start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Path users(String name, String line) throws Exception {
        Path csv = dir.resolve(name + ".csv");
        Files.writeString(csv, "SEQUENTIAL\n" + line + "\n");
        return csv;
    }

    private static SippPeer register(String scenario, String name, Path csv) throws Exception {
        return SippPeer.play(scenario).to(server.hostPort()).args("-inf", csv.toString(), "-auth_uri",
                CallistoServer.DOMAIN).start(dir, name);
    }

    /** The right password: 401, then the answer with Authorization gets 200 and the contact is bound. */
    @Test
    void rightPasswordRegisters() throws Exception {
        try (SippPeer sipp = register("register-auth.xml", "right", users("right", "alice;secret"))) {
            sipp.assertSucceeded(30);
            assertThat(server.contacts("sip:alice@" + CallistoServer.DOMAIN))
                    .contains("sip:alice@127.0.0.1:" + sipp.port());
            String retry = sipp.sent("REGISTER ").get(1);
            assertThat(SippLog.headers(retry, "Authorization")).singleElement().asString()
                    .contains("username=\"alice\"").contains("algorithm=MD5").contains("qop=auth");
        }
    }

    /** A wrong password: 401, then 403 Forbidden (docs/server-auth.md), and nothing is bound. */
    @Test
    void wrongPasswordIsForbidden() throws Exception {
        try (SippPeer sipp = register("register-auth-wrong.xml", "wrong", users("wrong", "alice;not-the-password"))) {
            sipp.assertSucceeded(30);
            assertThat(server.contacts("sip:alice@" + CallistoServer.DOMAIN))
                    .doesNotContain("sip:alice@127.0.0.1:" + sipp.port());
        }
    }

    /**
     * No credentials: 401 with one Digest challenge per configured algorithm, in the configured order, same realm
     * and nonce, qop="auth" (RFC 8760 §2.3, §2.6).
     */
    @Test
    void noCredentialsAreChallenged() throws Exception {
        try (SippPeer sipp = register("register-noauth.xml", "none", users("none", "alice"))) {
            sipp.assertSucceeded(30);
            String challenge = sipp.received("SIP/2.0 401").get(0);
            List<String> values = SippLog.headers(challenge, "WWW-Authenticate");
            assertThat(values).hasSize(2);
            assertThat(values.get(0)).contains("algorithm=MD5").contains("realm=\"callisto.test\"");
            assertThat(values.get(1)).contains("algorithm=SHA-256").contains("realm=\"callisto.test\"");
            String nonce = values.get(0).replaceAll(".*nonce=\"([^\"]+)\".*", "$1");
            assertThat(values.get(1)).contains("nonce=\"" + nonce + "\"");
            assertThat(server.contacts("sip:alice@" + CallistoServer.DOMAIN))
                    .doesNotContain("sip:alice@127.0.0.1:" + sipp.port());
        }
    }

    /**
     * RFC 4475 §3.3.7 (regaut01): an Authorization in an unknown scheme; "a registrar that does care about
     * challenge-response authentication will reject this request with a 401, issuing a new challenge with a scheme
     * it understands".
     */
    @Test
    void unknownAuthorizationSchemeGetsADigestChallenge() throws Exception {
        try (UdpPeer client = new UdpPeer(null)) {
            int viaPort = 23_456;
            byte[] message = TortureMessages.sendable(TortureMessages.load("regaut01"), viaPort);
            // regaut01 registers j.user@example.com: the server is responsible for callisto.test only, so the
            // Request-URI and To are moved to our domain (the Authorization field, the point of the test, stays).
            String text = new String(message, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("@example.com", "@" + CallistoServer.DOMAIN)
                    .replace("sip:example.com", "sip:" + CallistoServer.DOMAIN);
            int mark = client.count();
            client.send(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), server.port());
            UdpPeer.Datagram answer = client.await(mark, d -> TortureMessages.viaPort(d.data(), viaPort)
                    && TortureMessages.status(d.data()) >= 200, 10);
            assertThat(answer).as("a final answer to regaut01").isNotNull();
            assertThat(TortureMessages.status(answer.data())).as(answer.text()).isEqualTo(401);
            assertThat(answer.text()).contains("WWW-Authenticate: Digest realm=\"callisto.test\"");
        }
    }
}
