package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.JsonReport;
import io.callisto.bench.report.RtpFigures;
import io.callisto.bench.report.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto bench call --rtp} on loopback (docs/load-testing.md, "RTP"): against SIPp's {@code uas} with
 * {@code -rtp_echo} (SIPp 3.6: "RTP/UDP packets received on port defined by -mp are echoed to their sender"), plain
 * and with SRTP, the calls' packets go out and come back with no loss; against {@code bench uas --rtp --srtp}
 * both sides negotiate SDES keys, stream both ways and learn the round trip from RTCP. Three 2-second calls each;
 * every process is bounded and stopped by PID.
 */
class BenchRtpIT {

    @TempDir
    Path dir;

    private static RtpFigures rtp(Path json) throws Exception {
        RunResult r = JsonReport.read(json);
        assertThat(r.totals().rtp()).as("RTP totals in %s", json).isNotNull();
        return r.totals().rtp();
    }

    private static String[] call(int port, int rtpBase, Path json, boolean srtp, String... extra) {
        List<String> a = new ArrayList<>(List.of("bench", "call", "--target", "127.0.0.1:" + port, "--rate", "10",
                "--calls", "3", "--duration-ms", "2000", "--quiet", "--rtp", "--rtp-ports",
                rtpBase + "-" + (rtpBase + 99), "--rtcp-ms", "500", "--json", json.toString()));
        if (srtp) {
            a.add("--srtp");
        }
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private RtpFigures againstSippEcho(boolean srtp, String... extra) throws Exception {
        int port = FreePorts.udpAndTcp();
        int echo = FreePorts.udpRange(4);
        Process uas = Sipp.startNamed(dir, "uas.txt", "-sn", "uas", "-i", "127.0.0.1", "-p", Integer.toString(port),
                "-rtp_echo", "-mp", Integer.toString(echo), "-trace_err", "-nostdin");
        try {
            Sipp.awaitUdpBound(uas, port, 20);
            Path json = dir.resolve("call.json");
            Cli.Result r = Cli.run(dir, "bench-call", 30, call(port, FreePorts.udpRange(100), json, srtp, extra));
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            RtpFigures f = rtp(json);
            assertThat(f.sessions()).isEqualTo(3);
            assertThat(f.packetsSent()).as("sent").isPositive();
            assertThat(f.packetsReceived()).as("echoed back").isPositive();
            assertThat(f.packetsLost()).as("lost on loopback").isZero();
            assertThat(f.jitterMaxMs()).as("jitter measured").isGreaterThanOrEqualTo(0);
            assertThat(r.stdout()).contains("RTP (", "rtp-jitter");
            return f;
        } finally {
            Sipp.stop(uas);
        }
    }

    @Test
    void plainRtpAgainstSippRtpEcho() throws Exception {
        againstSippEcho(false);
    }

    @Test
    void srtpAgainstSippRtpEcho() throws Exception {
        againstSippEcho(true);
    }

    /**
     * All three calls on one port pair: SIPp's mirror sends every call's packets back from its one port, so only
     * the SSRC in each packet can give it to its call (SharedRtpSocket); routed by address, one call would get
     * every packet and the others none.
     */
    @Test
    void srtpAgainstSippRtpEchoOnASharedSocket() throws Exception {
        RtpFigures f = againstSippEcho(true, "--rtp-socket", "shared");
        assertThat(f.packetsReceived()).as("each call's packets back to it").isGreaterThan(f.packetsSent() * 8 / 10);
    }

    @Test
    void srtpBetweenBenchCallAndBenchUas() throws Exception {
        int port = FreePorts.udpAndTcp();
        Path uasJson = dir.resolve("uas.json");
        int uasRtp = FreePorts.udpRange(100);
        try (Cli uas = Cli.start(dir, "bench-uas", "bench", "uas", "--bind", "127.0.0.1:" + port, "--calls", "3",
                "--quiet", "--rtp", "--srtp", "--rtp-ports", uasRtp + "-" + (uasRtp + 99), "--rtcp-ms", "500",
                "--json", uasJson.toString())) {
            awaitListening(uas);
            Path json = dir.resolve("call.json");
            Cli.Result r = Cli.run(dir, "bench-call", 30, call(port, FreePorts.udpRange(100), json, true));
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            assertThat(uas.awaitExit(20)).as(uas.stderr()).isZero();
            for (Path side : List.of(json, uasJson)) {
                RtpFigures f = rtp(side);
                assertThat(f.sessions()).as("%s sessions", side).isEqualTo(3);
                assertThat(f.packetsSent()).as("%s sent", side).isPositive();
                assertThat(f.packetsReceived()).as("%s received", side).isPositive();
                assertThat(f.packetsLost()).as("%s lost", side).isZero();
                assertThat(f.rttMaxMs()).as("%s round trip from RTCP", side).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private static void awaitListening(Cli bench) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.START_SECONDS);
        while (!bench.stderr().contains("listening")) {
            assertThat(System.nanoTime()).as("bench uas listening: %s", bench.stderr()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
