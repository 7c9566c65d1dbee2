package io.callisto.media.rtp;

import static io.callisto.media.rtp.LoopbackMedia.await;
import static io.callisto.media.rtp.LoopbackMedia.ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.exec.EventLoopOwners;
import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.audio.WavFile;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.dtmf.DtmfDigit;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two sessions on real loopback sockets, paced by one media clock on a Netty event loop. */
class RtpSessionLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final MediaClock clock = new MediaClock(new EventLoopOwners.LoopOwner(group.next()));

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private RtpSessionConfig config(String cname, boolean mux) {
        return RtpSessionConfig.defaults(LOOPBACK, cname).withPorts(ports())
                .withRtcpMux(mux).withRtcpInterval(300);
    }


    @Test
    void streamsAToneFileAndDtmfBetweenTwoSessions() throws Exception {
        streamToneAndDigits(false);
    }

    @Test
    void worksWithRtcpMuxOnOnePort() throws Exception {
        streamToneAndDigits(true);
    }

    private void streamToneAndDigits(boolean mux) throws Exception {
        Path toneFile = dir.resolve("tone.wav");
        WavFile.write(toneFile, new ToneGenerator(8000, 12000, 1000).generate(2 * 8000)); // 2 s of 1 kHz
        RtpSession a = RtpSession.open(group, clock, config("a@loopback", mux)).get(10, TimeUnit.SECONDS);
        RtpSession b = RtpSession.open(group, clock, config("b@loopback", mux)).get(10, TimeUnit.SECONDS);
        assertThat(a.localRtpPort() % 2).isZero();
        assertThat(a.localRtcpPort()).isEqualTo(mux ? a.localRtpPort() : a.localRtpPort() + 1);
        a.remote(new InetSocketAddress(LOOPBACK, b.localRtpPort()), null);
        b.remote(new InetSocketAddress(LOOPBACK, a.localRtpPort()), null);
        a.source(MediaSource.wav(toneFile, false));
        WavRecorder recorder = new WavRecorder(30);
        b.sink(recorder);
        List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
        b.dtmfListener(digits::add);
        a.start();
        b.start();

        await("2 s of audio and RTCP both ways", () -> b.statistics().packetsReceived() >= 100
                && a.statistics().rttMillis() >= 0 && b.statistics().rttMillis() >= 0
                && a.statistics().remoteJitterMillis() >= 0);
        await("the whole file", () -> a.statistics().packetsSent() >= 100 + 2 * 50);
        for (char c : "159#".toCharArray()) {
            a.sendDtmf(c, 80);
        }
        await("four digits", () -> digits.size() >= 4);
        a.close().get(5, TimeUnit.SECONDS);
        await("B hears the BYE", b::remoteBye);
        b.close().get(5, TimeUnit.SECONDS);

        RtpStatistics sb = b.statistics();
        assertThat(sb.packetsLost()).isZero();
        assertThat(sb.jitterMillis()).isBetween(0.0, 1000.0);
        assertThat(a.statistics().rttMillis()).isBetween(0.0, 1000.0);
        assertThat(a.statistics().remoteLost()).isZero();
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1', '5', '9', '#');

        Path recording = dir.resolve("heard.wav");
        WavFile.write(recording, recorder.samples());
        short[] heard = WavFile.read(recording);
        assertThat(heard.length).isGreaterThan(2 * 8000);
        // 100 ms windows: the 2 s file gives about 20 windows of pure 1 kHz (partial windows at the ends, and at an
        // underrun under load), none with 1.5 kHz
        assertThat(Goertzel.windows(heard, 800, 0.9, 1000)).isBetween(16, 21);
        assertThat(Goertzel.windows(heard, 800, 0.05, 1500)).isZero();
    }

    /**
     * RFC 5761 §5.1.1: an offerer of rtcp-mux hears an answerer that took it and sends RTCP to the RTP port before the
     * answer arrives (baresip does, at once); without the demultiplexing each report is an RTP packet of an unknown
     * payload type, dropped.
     */
    @Test
    void anOfferOfRtcpMuxTakesRtcpOnTheRtpPortBeforeItsAnswer() throws Exception {
        for (boolean offered : new boolean[] {true, false}) {
            RtpSession offerer = RtpSession.open(group, clock, config("offerer@loopback", false))
                    .get(10, TimeUnit.SECONDS);
            RtpSession answerer = RtpSession.open(group, clock, config("answerer@loopback", false))
                    .get(10, TimeUnit.SECONDS);
            if (offered) {
                offerer.expectRtcpMux();
            }
            offerer.start(); // no remote yet: it sends nothing
            // the answerer took the mux: RTP and RTCP to the offerer's RTP port; the offerer has no answer yet
            answerer.rtcpMux(true);
            answerer.remote(new InetSocketAddress(LOOPBACK, offerer.localRtpPort()), null);
            answerer.source(MediaSource.tone(8000, 1000));
            answerer.start();
            await("RTP at the offerer", () -> offerer.statistics().packetsReceived() >= 50);
            Thread.sleep(300); // counters are copied every 200 ms
            RtpStatistics s = offerer.statistics();
            answerer.close().get(5, TimeUnit.SECONDS);
            offerer.close().get(5, TimeUnit.SECONDS);
            if (offered) {
                assertThat(s.rtcpReceived()).as("%s", s).isPositive();
                assertThat(s.dropped()).as("%s", s).isLessThanOrEqualTo(1); // the first packet: probation (§A.1)
            } else {
                assertThat(s.rtcpReceived()).as("%s", s).isZero();
                assertThat(s.dropped()).as("%s", s).isGreaterThan(1);
            }
        }
    }

    @Test
    void aFullPortRangeFailsWithAClearError() throws Exception {
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(5900);
        RtpSessionConfig config = RtpSessionConfig.defaults(LOOPBACK, "x").withPorts(new PortRange(base, base + 1));
        RtpSession first = RtpSession.open(group, clock, config).get(10, TimeUnit.SECONDS);
        assertThat(first.localRtpPort()).isEqualTo(base);
        assertThatThrownBy(() -> RtpSession.open(group, clock, config).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasMessageContaining("no free RTP port pair in " + base);
        first.close().get(5, TimeUnit.SECONDS);
    }
}
