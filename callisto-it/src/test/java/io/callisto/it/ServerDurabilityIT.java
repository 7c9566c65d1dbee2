package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 §3: "every 200 OK to a REGISTER is sent only after the binding is durable, so kill -9 at any moment loses
 * nothing that was acknowledged". SIPp registers 200 users at 50 per second; once about a third got their 200 the
 * server gets SIGKILL mid-stream. Restarted on the same {@code --data} directory (H2) and ports, it must list every
 * user whose 200 SIPp logged, and route a call to one of them.
 */
class ServerDurabilityIT {

    private static final int USERS = 200;

    @TempDir
    Path dir;

    @Test
    void killNineDuringARegistrationStreamLosesNoAcknowledgedBinding() throws Exception {
        Stream run = registerThenStop(CallistoServer::kill9);
        Path data = run.data();
        int sip = run.sip();
        int http = run.http();
        int registrarPort = run.registrarPort();
        Set<String> acknowledged = run.acknowledged();
        assertThat(acknowledged).as("the kill came in the middle of the stream").hasSizeBetween(USERS / 3,
                USERS - 1);

        try (CallistoServer second = CallistoServer.in(dir).name("server-2").data(data).ports(sip, http).start()) {
            assertThat(missing(second, acknowledged, registrarPort))
                    .as("acknowledged before the kill, missing after the restart (%d acknowledged)",
                            acknowledged.size()).isEmpty();

            // A call to the last user acknowledged before the kill reaches a UA at that user's contact.
            String user = new ArrayList<>(acknowledged).get(acknowledged.size() - 1);
            try (SippPeer uas = SippPeer.play("uas.xml").port(registrarPort).service(user).start(dir, "uas");
                    SippPeer caller = SippPeer.play("caller.xml").to(second.hostPort()).service(user)
                            .start(dir, "caller")) {
                caller.assertSucceeded(40);
                uas.assertSucceeded(40);
                assertThat(uas.received("INVITE ").get(0)).startsWith("INVITE sip:" + user + "@127.0.0.1:"
                        + registrarPort + " ");
            }
        }
    }

    /**
     * Issue 4 §1: "SIGTERM shuts down cleanly (in-flight transactions finish, store flushed)". The same stream as
     * above, but the server gets SIGTERM: it must exit with 143 (128 + SIGTERM) within the grace period, say so in
     * its log, answer no REGISTER with a 500 on the way down, leave no journal behind (its final checkpoint wrote
     * everything into H2) and, restarted, know every user whose 200 SIPp logged.
     */
    @Test
    void sigtermDuringARegistrationStreamStopsCleanlyAndKeepsEveryAcknowledgedBinding() throws Exception {
        Stream run = registerThenStop(first -> {
            assertThat(first.terminate(30)).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(first.log()).contains("callisto server stopped: stores closed");
        });
        assertThat(run.answered500()).as("REGISTERs answered 500 on the way down").isEmpty();
        Path data = run.data();
        int sip = run.sip();
        int http = run.http();
        int registrarPort = run.registrarPort();
        Set<String> acknowledged = run.acknowledged();
        assertThat(acknowledged).as("the stop came in the middle of the stream").hasSizeBetween(USERS / 3,
                USERS - 1);
        Path journal = data.resolve("location-journal");
        if (Files.isDirectory(journal)) {
            try (var files = Files.list(journal)) {
                assertThat(files.filter(f -> f.toString().endsWith(".log")).toList())
                        .as("journal segments left after a clean stop").isEmpty();
            }
        }
        try (CallistoServer second = CallistoServer.in(dir).name("server-2").data(data).ports(sip, http).start()) {
            assertThat(missing(second, acknowledged, registrarPort))
                    .as("acknowledged before SIGTERM, missing after the restart (%d acknowledged)",
                            acknowledged.size()).isEmpty();
        }
    }

    /** What a REGISTER stream left when its server was stopped in the middle of it. */
    private record Stream(Path data, int sip, int http, int registrarPort, Set<String> acknowledged,
            List<String> answered500) {
    }

    /** How the first server is stopped. */
    private interface Stop {
        void stop(CallistoServer server) throws Exception;
    }

    /**
     * A server on a fresh data directory takes SIPp's stream of {@value #USERS} REGISTERs at 50/s; once a third of the
     * users have their 200, {@code stop} ends it. SIPp is then stopped too: its pending REGISTERs can only fail now,
     * and what it logged is what was acknowledged.
     */
    private Stream registerThenStop(Stop stop) throws Exception {
        Path data = dir.resolve("data");
        int sip = FreePorts.udpAndTcp();
        int http = FreePorts.tcp();
        Path users = usersFile();
        try (CallistoServer first = CallistoServer.in(dir).name("server-1").data(data).ports(sip, http).start();
                SippPeer stream = SippPeer.play("register.xml").to(first.hostPort()).calls(USERS)
                        .timeout(120).args("-inf", users.toString(), "-r", "50", "-rp", "1000")
                        .start(dir, "stream")) {
            awaitOk(stream, USERS / 3, 60);
            stop.stop(first);
            stream.close();
            return new Stream(data, sip, http, stream.port(), acknowledgedUsers(stream),
                    stream.received("SIP/2.0 500"));
        }
    }

    private Path usersFile() throws java.io.IOException {
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < USERS; i++) {
            csv.append(String.format("u%03d%n", i));
        }
        Path users = dir.resolve("users.csv");
        Files.writeString(users, csv);
        return users;
    }

    /** The users of {@code acknowledged} whose binding to SIPp's address the server does not list. */
    private static List<String> missing(CallistoServer server, Set<String> acknowledged, int registrarPort)
            throws Exception {
        List<String> lost = new ArrayList<>();
        var registrations = server.registrations();
        for (String user : acknowledged) {
            var bindings = registrations.get("sip:" + user + "@" + CallistoServer.DOMAIN);
            boolean found = false;
            if (bindings != null) {
                for (var b : bindings) {
                    found |= b.get("contact").asText().equals("sip:" + user + "@127.0.0.1:" + registrarPort);
                }
            }
            if (!found) {
                lost.add(user);
            }
        }
        return lost;
    }

    /** Waits (bounded) until SIPp's message log shows 200s for at least {@code count} users. */
    private static void awaitOk(SippPeer sipp, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (acknowledgedUsers(sipp).size() >= count) { // users, not 200s: a retransmission gets one too
                return;
            }
            Thread.sleep(20); // polls the log another process writes
        }
        throw new AssertionError("fewer than " + count + " REGISTERs acknowledged within " + seconds + " s\n"
                + sipp.report());
    }

    /** The users whose REGISTER got a 200, in the order the 200s arrived. */
    private static Set<String> acknowledgedUsers(SippPeer sipp) throws Exception {
        Set<String> users = new LinkedHashSet<>();
        for (String ok : sipp.received("SIP/2.0 200")) {
            for (String to : SippLog.headers(ok, "To")) {
                users.add(to.replaceAll(".*<sip:([^@]+)@.*", "$1"));
            }
        }
        return users;
    }
}
