package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callisto.transport.tls.SelfSignedCertificates;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code callisto ua} processes call each other where SIPp cannot (it is built without TLS here) or where the
 * address family is the point: TLS with certificates made by {@code callisto tls-cert} and verified against the
 * peer's certificate ({@code --ca}), and IPv6 on {@code [::1]}; then SIPp over IPv6 as well.
 */
class CallistoToCallistoIT {

    /**
     * TLS both ways (§26.2.1): the UAs trust only their own self-signed certificate, made by {@code callisto
     * tls-cert} ({@code --ca}), and the callers dial {@code sips:} and {@code sip:...;transport=tls}. The answerer
     * listens on TLS alone, so the calls could not have arrived another way. The other half of verification runs
     * at the same time: a caller that trusts another CA refuses the answerer's certificate, and its call fails
     * with 503 (a transport error, §8.1.3.1) without reaching the answerer.
     */
    @Test
    void callsOverTlsWithVerifiedCertificates(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Cli.Result made = Cli.run(dir, "tls-cert", 60, "tls-cert", "--cert", cert.toString(), "--key",
                key.toString());
        assertThat(made.exitCode()).as(made.stderr()).isZero();
        assertThat(made.stdout()).contains("wrote");
        assertThat(Files.readString(cert)).contains("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(key)).contains("PRIVATE KEY-----");
        // An unrelated pair for the caller that must refuse (made in-process: tls-cert is what is tested above).
        SelfSignedCertificates.generate(dir.resolve("stranger-cert.pem"), dir.resolve("stranger-key.pem"),
                "localhost", "127.0.0.1");

        String[] tls = {"--transport", "tls", "--cert", cert.toString(), "--key", key.toString(), "--ca",
            cert.toString()};
        try (Cli answerer = Cli.start(dir, "answerer", concat(new String[] {"ua", "--bind", "127.0.0.1:0",
                "--answer", "--max-calls", "3"}, tls))) {
            Cli.Listening points = answerer.awaitListening(1);
            assertThat(points.points()).as("TLS only").hasSize(1);
            int port = points.port("tls");

            // One caller at a time: the answerer allows a TLS handshake 5 s (TransportConfig's default), and
            // several cold JVMs starting at once on a small CI machine can take longer than that to finish one.
            try (Cli sips = Cli.start(dir, "caller-sips", concat(new String[] {"ua", "--bind", "127.0.0.1:0",
                "--call", "sips:bob@127.0.0.1:" + port, "--count", "2", "--parallel", "2", "--duration-ms", "200"},
                    tls))) {
                assertCleanCalls(sips, 2, answerer);
            }
            try (Cli sip = Cli.start(dir, "caller-sip", concat(new String[] {"ua", "--bind", "127.0.0.1:0",
                "--call", "sip:bob@127.0.0.1:" + port + ";transport=tls", "--duration-ms", "200"}, tls))) {
                assertCleanCalls(sip, 1, answerer);
            }
            try (Cli stranger = Cli.start(dir, "caller-stranger", "ua", "--bind", "127.0.0.1:0", "--transport",
                    "tls", "--cert", "stranger-cert.pem", "--key", "stranger-key.pem", "--ca", "stranger-cert.pem",
                    // T1 = 100 ms bounds the failure (Timer B) should the handshake error not end it at once.
                    "--t1-ms", "100", "--call", "sips:bob@127.0.0.1:" + port, "--duration-ms", "100")) {
                assertThat(stranger.awaitExit(60)).as("untrusting caller's exit code\n%s%s", stranger.stdout(),
                        stranger.stderr()).isEqualTo(1);
                UaEvent summary = stranger.last("summary");
                assertThat(summary.number("answered")).isZero();
                assertThat(summary.number("failed")).isEqualTo(1);
                assertThat(stranger.last("ended").number("status")).isEqualTo(503);
            }
            assertThat(answerer.awaitExit(60)).isZero();
            assertThat(answerer.events("incoming")).as("only the trusting callers' calls got through").hasSize(3);
            assertEndedByRemoteBye(answerer.events("ended"), 3);
            assertThat(answerer.stackWarnings()).isEmpty();
        }
    }

    /** IPv6 (RFC 5118 addresses in brackets in URIs, Via and Contact): both UAs on [::1]. */
    @Test
    void callsOverIpv6Loopback(@TempDir Path dir) throws Exception {
        assumeIpv6Loopback();
        try (Cli answerer = Cli.start(dir, "answerer", "ua", "--bind", "[::1]:0", "--answer", "--max-calls",
                "3")) {
            int port = answerer.awaitListening(2).port("udp");
            Cli.Result r = Cli.run(dir, "caller", 120, "ua", "--bind", "[::1]:0", "--call", "sip:bob@[::1]:" + port,
                    "--count", "3", "--parallel", "3", "--duration-ms", "100");
            assertCleanCalls(r, 3);
            assertThat(answerer.awaitExit(60)).isZero();
            List<UaEvent> incoming = answerer.events("incoming");
            assertThat(incoming).hasSize(3).allSatisfy(e -> assertThat(e.get("from")).as("caller's IPv6 AOR")
                    .startsWith("sip:callisto@[").contains(":1]:"));
            assertEndedByRemoteBye(answerer.events("ended"), 3);
            assertThat(answerer.stackWarnings()).isEmpty();
        }
    }

    /** SIPp's built-in uac over IPv6 ({@code -i ::1}) against {@code callisto ua --bind [::1]:0}. */
    @Test
    void sippCallsOverIpv6(@TempDir Path dir) throws Exception {
        assumeIpv6Loopback();
        int calls = 20;
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "[::1]:0", "--answer", "--quiet", "--max-calls",
                Integer.toString(calls))) {
            int port = ua.awaitListening(2).port("udp");
            Path stats = dir.resolve("stats.csv");
            Sipp.Result r = Sipp.run(dir, 60, "-sn", "uac", "[::1]:" + port, "-i", "::1", "-p", "0",
                    "-m", Integer.toString(calls), "-r", "50", "-d", "100", "-timeout", "40s", "-timeout_error",
                    "-nostdin", "-trace_stat", "-stf", stats.toString());
            assertThat(r.exitCode()).as("sipp exit code\n%s", r.output()).isZero();
            assertThat(Sipp.Stats.read(stats).count("SuccessfulCall")).isEqualTo(calls);
            assertThat(ua.awaitExit(60)).isZero();
            assertThat(ua.last("summary").number("failed")).isZero();
        }
    }

    private static void assertCleanCalls(Cli caller, int calls, Cli answerer) throws Exception {
        int code = caller.awaitExit(120);
        assertCleanCalls(new Cli.Result(code, caller.stdout(), caller.stderr() + "\nanswerer (pid " + answerer.pid()
                + "):\n" + answerer.stdout() + answerer.stderr()), calls);
    }

    private static void assertCleanCalls(Cli.Result r, int calls) {
        assertThat(r.exitCode()).as("caller exit code (0: all answered and ended cleanly)\n%s%s", r.stdout(),
                r.stderr()).isZero();
        UaEvent summary = UaEvent.last(r.stdout(), "summary");
        assertThat(summary.number("calls")).isEqualTo(calls);
        assertThat(summary.number("answered")).isEqualTo(calls);
        assertThat(summary.number("clean")).isEqualTo(calls);
    }

    private static void assertEndedByRemoteBye(List<UaEvent> ended, int calls) {
        assertThat(ended).hasSize(calls).allSatisfy(e -> {
            assertThat(e.get("status")).isEqualTo("200");
            assertThat(e.get("reason")).isEqualTo("remote BYE");
        });
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Skips (saying why) where the machine has no IPv6 loopback, e.g. a container with IPv6 disabled. */
    private static void assumeIpv6Loopback() {
        boolean available;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            available = true;
        } catch (Exception e) {
            available = false;
        }
        assumeTrue(available, "no IPv6 loopback (::1) on this machine");
    }
}
