package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIPp's built-in {@code uac} (INVITE, 100/180/200, ACK, pause, BYE, 200) calls {@code callisto ua --answer},
 * started as its own process from the shaded jar: the whole stack (Netty transport, transactions, UA core, CLI)
 * against a real peer. SIPp judges every call; the test reads both its exit code and the counters of its
 * statistics file, and the Callisto side must count the same calls, none failed.
 */
class SippCallsCallistoIT {

    static final int CALLS = 200;

    @Test
    void twoHundredCallsOverUdp(@TempDir Path dir) throws Exception {
        sippCalls(dir, "udp");
    }

    /** SIPp's {@code -t t1}: one TCP connection for all calls, so every message is framed out of one stream. */
    @Test
    void twoHundredCallsOverTcp(@TempDir Path dir) throws Exception {
        sippCalls(dir, "tcp");
    }

    /**
     * SIPp's {@code -t tn}: a new TCP connection for every call, so the UA accepts 200 connections, answers on each
     * (§18.2.2: the response goes back over the connection the request came on) and sees each closed.
     */
    @Test
    void twoHundredCallsOverTcpOneConnectionEach(@TempDir Path dir) throws Exception {
        sippCalls(dir, "tcp-per-call");
    }

    /**
     * TLS ({@code -t l1}) needs a SIPp built with OpenSSL. The Debian sip-tester 3.6.1 package this project's CI
     * installs is not ({@code sipp -v} prints "SIPp v3.6.1-SCTP-PCAP-RTPSTREAM" and {@code -t l1} stops with "To use
     * a TLS transport you must compile SIPp with OpenSSL"), so there this test is skipped, saying why; TLS is
     * covered between two Callisto UAs in {@link CallistoToCallistoIT}.
     */
    @Test
    void callsOverTlsWhenSippHasIt(@TempDir Path dir) throws Exception {
        assumeTrue(Sipp.supportsTls(), "this sipp is built without TLS (sipp -v shows no TLS)");
        Cli.Result cert = Cli.run(dir, "tls-cert", 60, "tls-cert", "--cert", "cert.pem", "--key", "key.pem");
        assertThat(cert.exitCode()).as(cert.stderr()).isZero();
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--transport", "tls", "--cert",
                dir.resolve("cert.pem").toString(), "--key", dir.resolve("key.pem").toString(), "--answer",
                "--quiet", "--max-calls", "20")) {
            int port = ua.awaitListening(1).port("tls");
            Path stats = dir.resolve("stats.csv");
            Sipp.Result r = Sipp.run(dir, 120, "-sn", "uac", "-t", "l1", "-tls_cert", "cert.pem", "-tls_key",
                    "key.pem", "127.0.0.1:" + port, "-i", "127.0.0.1", "-p", "0", "-m", "20", "-r", "20", "-d", "100",
                    "-timeout", "90s", "-timeout_error", "-nostdin", "-trace_stat", "-stf", stats.toString());
            assertThat(r.exitCode()).as("sipp exit code\n%s", r.output()).isZero();
            assertThat(Sipp.Stats.read(stats).count("SuccessfulCall")).isEqualTo(20);
            assertThat(ua.awaitExit(60)).isZero();
        }
    }

    private static void sippCalls(Path dir, String transport) throws Exception {
        // --max-calls: the UA exits 0 once that many calls have ended and prints its summary on the way out.
        try (Cli ua = Cli.start(dir, "ua", "ua", "--bind", "127.0.0.1:0", "--answer", "--quiet", "--max-calls",
                Integer.toString(CALLS))) {
            // With UDP the UA also listens on TCP (§18.1.1), so two listening lines either way.
            int port = ua.awaitListening(2).port(transport.startsWith("tcp") ? "tcp" : transport);
            Path stats = dir.resolve("stats.csv");
            List<String> args = new ArrayList<>(List.of("-sn", "uac", "127.0.0.1:" + port, "-i", "127.0.0.1",
                    "-p", "0", "-mp", Integer.toString(Sipp.freeUdpPort()),
                    "-m", Integer.toString(CALLS), "-r", "100", "-l", "20", "-d", "100",
                    "-timeout", "90s", "-timeout_error", "-nostdin",
                    "-trace_stat", "-stf", stats.toString(),
                    "-trace_err", "-error_file", dir.resolve("sipp-errors.log").toString()));
            if (transport.equals("tcp")) {
                args.addAll(List.of("-t", "t1"));
            } else if (transport.equals("tcp-per-call")) {
                // -max_socket: sipp refuses to start when its default (50000) exceeds the open-files limit.
                args.addAll(List.of("-t", "tn", "-max_socket", "1000"));
            }
            Sipp.Result r = Sipp.run(dir, 120, args.toArray(new String[0]));
            Sipp.Stats s = Sipp.Stats.read(stats);
            assertThat(r.exitCode()).as("sipp exit code (0: every call succeeded); %s; callisto said:\n%s%s\n%s", s,
                    ua.stdout(), ua.stderr(), r.output()).isZero();
            assertThat(s.count("OutgoingCall")).as("calls sipp placed").isEqualTo(CALLS);
            assertThat(s.count("SuccessfulCall")).as("calls sipp saw succeed").isEqualTo(CALLS);
            assertThat(s.count("FailedCall")).as("calls sipp saw fail").isZero();
            assertThat(s.count("FailedUnexpectedMessage")).as("unexpected messages from Callisto").isZero();

            assertThat(ua.awaitExit(60)).as("callisto ua exit code").isZero();
            UaEvent summary = ua.last("summary");
            assertThat(summary.number("calls")).as("calls the UA saw end").isEqualTo(CALLS);
            assertThat(summary.number("failed")).as("calls the UA counted as failed").isZero();
            assertThat(ua.events("ended")).as("--quiet prints only calls that ended badly").isEmpty();
            assertThat(ua.stackWarnings()).as("warnings or errors logged by the stack").isEmpty();
        }
    }
}
