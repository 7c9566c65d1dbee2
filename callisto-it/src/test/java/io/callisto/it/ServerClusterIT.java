package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 §3 and §8: two server nodes on one PostgreSQL database (Debian {@code postgresql}, started on loopback by
 * the test). bob registers through node A (SIPp {@code register.xml}); node B learns the binding (PostgreSQL
 * LISTEN/NOTIFY, see docs/server-stores.md); a SIPp caller sends its INVITE to node B, which routes it to bob's
 * contact, where a SIPp {@code uas} (on the port bob registered from) answers.
 *
 * <p>The registration and the answering UA are two SIPp runs on one port, one after the other: a SIPp started
 * with a REGISTER is in client mode and sends every message, responses included, to its remote host (node A), so
 * it could not answer an INVITE that node B sends.
 */
class ServerClusterIT {

    @TempDir
    Path dir;

    @Test
    void userRegisteredThroughNodeAIsCalledThroughNodeB() throws Exception {
        String aor = "sip:bob@" + CallistoServer.DOMAIN;
        try (Postgres pg = Postgres.start();
                CallistoServer a = node(pg, "node-a");
                CallistoServer b = node(pg, "node-b")) {
            try {
                Path csv = dir.resolve("bob.csv");
                Files.writeString(csv, "SEQUENTIAL\nbob\n");
                int bobPort;
                try (SippPeer register = SippPeer.play("register.xml").to(a.hostPort()).args("-inf", csv.toString())
                        .start(dir, "bob-register")) {
                    register.assertSucceeded(30);
                    bobPort = register.port();
                }
                String contact = "sip:bob@127.0.0.1:" + bobPort;
                a.awaitContact(aor, contact, 15);
                b.awaitContact(aor, contact, 15);
                assertThat(b.registrations().get(aor).get(0).get("node").asText())
                        .as("node B lists the binding written by node A").isEqualTo("node-a");

                try (SippPeer bob = SippPeer.play("uas.xml").port(bobPort).service("bob").start(dir, "bob");
                        SippPeer caller = SippPeer.play("caller.xml").to(b.hostPort()).service("bob")
                                .start(dir, "caller")) {
                    caller.assertSucceeded(40);
                    bob.assertSucceeded(40);
                    String invite = bob.received("INVITE ").get(0);
                    assertThat(SippLog.headers(invite, "Via")).as("proxied by node B").first().asString()
                            .contains(b.hostPort());
                    assertThat(SippLog.headers(invite, "Record-Route"))
                            .containsExactly("<sip:" + b.hostPort() + ";lr>");
                    assertThat(SippLog.headers(bob.received("BYE ").get(0), "Via"))
                            .as("the BYE comes back through node B").first().asString().contains(b.hostPort());
                }
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- node A:\n" + a.log() + "\n--- node B:\n" + b.log()
                        + "\n--- postgres:\n" + pg.log(), e);
            }
        }
    }

    private CallistoServer node(Postgres pg, String id) throws Exception {
        return CallistoServer.in(dir).name(id).args("--jdbc", pg.jdbcUrl(), "--db-user", pg.user(), "--node-id", id)
                .start();
    }
}
