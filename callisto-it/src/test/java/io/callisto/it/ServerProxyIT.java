package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls between SIPp peers through one {@code callisto server} (registrar and record-routing stateful proxy, no
 * authentication): the callee SIPp REGISTERs its own contact and then answers, the caller SIPp dials the AoR.
 * Both SIPp processes must exit 0 (every message of their scenario as expected); the callee's message log shows
 * what the proxy sent it.
 */
class ServerProxyIT {

    @TempDir
    static Path dir;
    private static CallistoServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = CallistoServer.in(dir).start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            assertThat(server.isAlive()).as("the server survived the class").isTrue();
            server.close();
        }
    }

    private static String aor(String user) {
        return "sip:" + user + "@" + CallistoServer.DOMAIN;
    }

    /** Starts a callee scenario for {@code user} and waits until the server lists its contact. */
    private static SippPeer callee(String scenario, String user, String callId, String name) throws Exception {
        SippPeer callee = SippPeer.play(scenario).to(server.hostPort()).service(user).callId(callId)
                .start(dir, name);
        server.awaitContact(aor(user), "sip:" + user + "@127.0.0.1:" + callee.port(), 15);
        return callee;
    }

    private static SippPeer caller(String scenario, String user, String callId, String name) throws Exception {
        return SippPeer.play(scenario).to(server.hostPort()).service(user).callId(callId).start(dir, name);
    }

    /** Both sides succeeded; on failure the message shows both SIPp reports and the server log. */
    private static void assertSucceeded(SippPeer... peers) throws Exception {
        for (SippPeer p : peers) {
            int code = p.awaitExit(40);
            assertThat(code).as("sipp exit code\n%s\n--- server log:\n%s", p.report(), server.log()).isZero();
        }
    }

    /**
     * RFC 3261 §16: INVITE to the registered contact (§16.5), Record-Route added (§16.6 step 4), Max-Forwards
     * decremented; 180 and 200 relayed; ACK and BYE come back through the proxy along the route set (§16.12).
     */
    @Test
    void callFromOneRegisteredSippToAnotherThroughTheProxy() throws Exception {
        try (SippPeer callee = callee("callee.xml", "bob", "basic", "bob");
                SippPeer caller = caller("caller.xml", "bob", "basic", "bob-caller")) {
            assertSucceeded(caller, callee);
            String invite = callee.received("INVITE ").get(0);
            assertThat(invite).startsWith("INVITE sip:bob@127.0.0.1:" + callee.port() + " ");
            assertThat(SippLog.headers(invite, "Record-Route")).containsExactly("<sip:" + server.hostPort() + ";lr>");
            assertThat(SippLog.headers(invite, "Max-Forwards")).containsExactly("69");
            assertThat(SippLog.headers(invite, "Via")).hasSize(2).first().asString()
                    .contains(server.hostPort());
            for (String method : List.of("ACK ", "BYE ")) {
                String inDialog = callee.received(method).get(0);
                assertThat(SippLog.headers(inDialog, "Via")).as("%s went through the proxy", method).hasSize(2)
                        .first().asString().contains(server.hostPort());
                assertThat(SippLog.headers(inDialog, "Route")).as("%s: the proxy removed its own Route", method)
                        .isEmpty();
            }
        }
    }

    /** §16.10: the caller's CANCEL is answered 200 at once and sent on; the callee's 487 comes back. */
    @Test
    void cancelOfARingingCall() throws Exception {
        try (SippPeer callee = callee("callee-ring.xml", "dave", "cancel", "dave");
                SippPeer caller = caller("caller-cancel.xml", "dave", "cancel", "dave-caller")) {
            assertSucceeded(caller, callee);
            assertThat(callee.received("CANCEL ")).hasSize(1);
            assertThat(callee.received("ACK ")).as("the proxy ACKs the 487 (§17.1.1.3)").hasSize(1);
        }
    }

    /** §16.7: the callee's 486 is the best (only) response and goes upstream; the proxy ACKs it hop by hop. */
    @Test
    void busyCalleeIsForwarded() throws Exception {
        try (SippPeer callee = callee("callee-busy.xml", "carol", "busy", "carol");
                SippPeer caller = caller("caller-busy.xml", "carol", "busy", "carol-caller")) {
            assertSucceeded(caller, callee);
            String ack = callee.received("ACK ").get(0);
            assertThat(SippLog.headers(ack, "Via")).as("the proxy's own ACK, not the caller's").hasSize(1)
                    .first().asString().contains(server.hostPort());
        }
    }

    /** §16.5: a user of our domain without a binding gets 404 Not Found. */
    @Test
    void unknownUserGets404() throws Exception {
        try (SippPeer caller = caller("caller-unknown.xml", "nobody", "unknown", "nobody-caller")) {
            assertSucceeded(caller);
            assertThat(caller.received("SIP/2.0 404")).hasSize(1);
        }
    }

    /**
     * §16.6, §16.7: two contacts registered for one AoR are tried in parallel; the first answers 200, which goes
     * upstream and makes the proxy CANCEL the other, still ringing, branch (Reason: SIP;cause=200, RFC 3326).
     */
    @Test
    void forkingToTwoContactsOneAnswersTheOtherIsCancelled() throws Exception {
        try (SippPeer answering = callee("callee.xml", "erin", "fork", "erin-a");
                SippPeer ringing = callee("callee-ring.xml", "erin", "fork", "erin-b")) {
            assertThat(server.contacts(aor("erin"))).hasSize(2);
            try (SippPeer caller = caller("caller.xml", "erin", "fork", "erin-caller")) {
                assertSucceeded(caller, answering, ringing);
            }
            String cancel = ringing.received("CANCEL ").get(0);
            assertThat(SippLog.headers(cancel, "Reason")).singleElement().asString().contains("cause=200");
            assertThat(answering.received("BYE ")).hasSize(1);
            assertThat(ringing.received("BYE ")).isEmpty();
        }
    }
}
