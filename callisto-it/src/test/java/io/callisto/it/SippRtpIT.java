package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.EventLoopOwners;
import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.audio.WavFile;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.codec.G711Codec;
import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.rtp.MediaClock;
import io.callisto.media.rtp.PortRange;
import io.callisto.media.rtp.RtpSession;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.rtp.RtpStatistics;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 §2: a Callisto {@link RtpSession} receives media from a real RTP sender. Two SIPp instances set up a
 * call ({@code uac-media-stream.xml} calls {@code uas-media-answer.xml}, whose answer names the session's port);
 * the caller then streams a 2 s 1 kHz µ-law WAV file with SIPp's {@code rtp_stream} and, a second after it ends,
 * plays SIPp's RFC 2833 pcap of digit 1 (a new SSRC, which the session follows once the first fell silent). The
 * session records what it hears: the recording holds the tone, nothing was lost, and the digit arrives once.
 */
class SippRtpIT {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void sessionReceivesSippsRtpStreamAndDtmf(@TempDir Path dir) throws Exception {
        Path pcap = Path.of("/usr/share/sip-tester/dtmf_2833_1.pcap");
        assertThat(pcap).as("SIPp's pcap files (Debian sip-tester)").exists();
        Files.write(dir.resolve("tone.wav"), WavFile.toG711Bytes(
                new ToneGenerator(8000, 12000, 1000).generate(2 * 8000), G711Codec.PCMU));

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Process uas = null;
        try {
            MediaClock clock = new MediaClock(new EventLoopOwners.LoopOwner(group.next()));
            int base = FreePorts.udpAndTcp() & ~1;
            RtpSession session = RtpSession.open(group, clock, RtpSessionConfig.defaults(LOOPBACK, "it@callisto")
                    .withPorts(new PortRange(base, Math.min(65535, base + 99)))).get(10, TimeUnit.SECONDS);
            WavRecorder recorder = new WavRecorder(30);
            List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
            session.sink(recorder);
            session.dtmfListener(digits::add);
            int sippMedia = Sipp.freeUdpPort();
            session.remote(new InetSocketAddress(LOOPBACK, sippMedia), null);
            session.start();

            int uasPort = Sipp.freeUdpPort();
            uas = Sipp.startNamed(dir, "uas-output.txt", "-sf", Sipp.scenario("uas-media-answer.xml"),
                    "-i", "127.0.0.1", "-p", Integer.toString(uasPort), "-mp", Integer.toString(Sipp.freeUdpPort()),
                    "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin",
                    "-key", "rtp_port", Integer.toString(session.localRtpPort()));
            Sipp.awaitUdpBound(uas, uasPort, 10);
            Sipp.Result uac = Sipp.run(dir, 60, "-sf", Sipp.scenario("uac-media-stream.xml"),
                    "127.0.0.1:" + uasPort, "-i", "127.0.0.1", "-p", "0", "-mp", Integer.toString(sippMedia),
                    "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin");
            assertThat(uac.exitCode()).as("caller sipp:\n%s", uac.output()).isZero();
            assertThat(Sipp.awaitExit(uas, dir.resolve("uas-output.txt"), 30)).isZero();

            await("digit 1", () -> !digits.isEmpty());
            RtpStatistics stats = session.statistics();
            session.close().get(5, TimeUnit.SECONDS);
            assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1');
            assertThat(stats.packetsLost()).isZero();
            assertThat(stats.dropped()).as("the first packet of each source is on probation").isLessThan(5);

            short[] heard = recorder.samples();
            assertThat(Goertzel.windows(heard, 800, 0.9, 1000)).as("100 ms windows of 1 kHz in the recording")
                    .isBetween(16, 21);
        } finally {
            if (uas != null) {
                Sipp.stop(uas);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20); // polling a value another thread sets; no timer of ours depends on it
        }
    }
}
