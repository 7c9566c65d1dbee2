package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client from Debian, baresip 1.0, against {@code callisto server --auth on}: it registers alice (401, digest
 * answer, 200) and calls bob, a SIPp {@code uas}, through the server (407, digest answer, INVITE proxied, 180, 200,
 * ACK and BYE along the Record-Route). bob is reached through a static route of the configuration file.
 *
 * <p>baresip 1.0 (libre) answers MD5 challenges only and gives up on a 401 that carries any challenge of another
 * algorithm ("Function not implemented"), even with MD5 listed too; RFC 8760 §2.4 would have it ignore the ones it
 * does not know. The server therefore offers MD5 alone here ({@code auth.algorithms: [MD5]}).
 */
class ServerBaresipIT {

    @TempDir
    Path dir;

    @Test
    void baresipRegistersAndCallsASippUasThroughTheServer() throws Exception {
        Path data = dir.resolve("data");
        Cli.Result added = Cli.run(dir, "user-add", 60, "user", "add", "alice", "--realm", CallistoServer.DOMAIN,
                "--password", "secret", "--data", data.toString());
        assertThat(added.exitCode()).as("callisto user add\n%s%s", added.stdout(), added.stderr()).isZero();
        int uasPort = FreePorts.udpAndTcp();
        String yaml = "auth:\n  algorithms: [MD5]\nproxy:\n  routes:\n    - host: " + CallistoServer.DOMAIN
                + "\n      user-prefix: bob\n      next-hop: sip:127.0.0.1:" + uasPort + "\n";
        try (CallistoServer server = CallistoServer.in(dir).data(data).config(yaml).args("--auth", "on").start();
                SippPeer bob = SippPeer.play("uas.xml").port(uasPort).service("bob").timeout(60).start(dir, "bob")) {
            String account = "<sip:alice@" + CallistoServer.DOMAIN + ">;auth_pass=secret;outbound=\"sip:"
                    + server.hostPort() + "\";regint=600;answermode=manual";
            try (Baresip alice = Baresip.start(dir, account)) {
                try {
                    server.awaitContactContaining("sip:alice@" + CallistoServer.DOMAIN,
                            "@127.0.0.1:" + alice.sipPort(), 20);
                    assertThat(server.registrations().get("sip:alice@" + CallistoServer.DOMAIN).get(0)
                            .get("user-agent").asText()).startsWith("baresip");

                    alice.command("dial", "sip:bob@" + CallistoServer.DOMAIN);
                    alice.awaitEvent("CALL_ESTABLISHED", 30);
                    alice.command("hangup", "");
                    alice.awaitEvent("CALL_CLOSED", 30);
                    bob.assertSucceeded(30);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- baresip:\n" + alice.log() + "\n--- server:\n"
                            + server.log() + "\n" + bob.report(), e);
                }
            }
            String invite = bob.received("INVITE ").get(0);
            assertThat(SippLog.headers(invite, "Via")).as("INVITE proxied").hasSize(2).first().asString()
                    .contains(server.hostPort());
            assertThat(SippLog.headers(invite, "Record-Route")).containsExactly("<sip:" + server.hostPort() + ";lr>");
            assertThat(SippLog.headers(invite, "Proxy-Authorization"))
                    .as("the server consumed the credentials of its realm (RFC 3261 §22.3)").isEmpty();
            assertThat(SippLog.headers(bob.received("ACK ").get(0), "Via")).as("ACK through the proxy").hasSize(2);
            assertThat(SippLog.headers(bob.received("BYE ").get(0), "Via")).as("BYE through the proxy").hasSize(2);
        }
    }
}
