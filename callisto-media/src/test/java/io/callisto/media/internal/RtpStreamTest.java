package io.callisto.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callisto.exec.VirtualTime;
import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.WavRecorder;
import io.callisto.media.codec.G711Codec;
import io.callisto.media.dtmf.DtmfDigit;
import io.callisto.media.rtp.MediaClock;
import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.rtp.RtpPacket;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.rtp.RtpStatistics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Two RTP streams wired through an in-memory network on a virtual clock. */
class RtpStreamTest {

    private static final InetSocketAddress A_RTP = address(1, 4000);
    private static final InetSocketAddress A_RTCP = address(1, 4001);
    private static final InetSocketAddress B_RTP = address(2, 5000);
    private static final InetSocketAddress B_RTCP = address(2, 5001);

    private final VirtualTime vt = new VirtualTime(1_000);
    private final MediaClock clock = new MediaClock(vt);
    /** Delay in ms of the n-th RTP packet from A to B; A-to-B RTP packets in {@link #lost} vanish. */
    private IntUnaryOperator delayAtoB = n -> 30;
    private final Set<Integer> lost = new HashSet<>();
    private int sentAtoB;
    private PacketTransform transform = PacketTransform.IDENTITY;
    /** When set, every A-to-B datagram is read into this one array, as a socket's receiver does. */
    private byte[] scratch;
    private RtpStream a;
    private RtpStream b;

    private static InetSocketAddress address(int host, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) host}), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private RtpStream stream(String cname, long seed, InetSocketAddress myRtp, InetSocketAddress myRtcp,
                             boolean toB) {
        RtpSessionConfig config = RtpSessionConfig.defaults(InetAddress.getLoopbackAddress(), cname)
                .withRtcpInterval(1000).withTransform(transform);
        return new RtpStream(config, vt, new RtpStream.Network() {
            @Override
            public void sendRtp(byte[] sent, int length, InetSocketAddress to) {
                // the stream writes its next packet into the same array: keep a copy for the delayed delivery
                byte[] packet = java.util.Arrays.copyOf(sent, length);
                if (toB) {
                    int n = sentAtoB++;
                    if (!lost.contains(n) && to.equals(B_RTP)) {
                        vt.schedule(delayAtoB.applyAsInt(n), () -> deliverToB(packet, myRtp));
                    }
                } else if (to.equals(A_RTP)) {
                    vt.schedule(30, () -> a.onRtp(packet, myRtp, vt.nowMillis() * 1000));
                }
            }

            @Override
            public void sendRtcp(byte[] packet, InetSocketAddress to) {
                if (toB && to.equals(B_RTCP)) {
                    vt.schedule(30, () -> b.onRtcp(packet, myRtcp, vt.nowMillis() * 1000));
                } else if (!toB && to.equals(A_RTCP)) {
                    vt.schedule(30, () -> a.onRtcp(packet, myRtcp, vt.nowMillis() * 1000));
                }
            }
        }, new Random(seed), () -> 1_700_000_000_000L + vt.nowMillis());
    }

    /** B receives each datagram in {@link #scratch} when set (then overwritten), else in an array of its own. */
    private void deliverToB(byte[] packet, InetSocketAddress from) {
        if (scratch == null) {
            b.onRtp(packet, from, vt.nowMillis() * 1000);
            return;
        }
        java.util.Arrays.fill(scratch, (byte) 0x7E); // bytes past the datagram are left-overs, never read
        System.arraycopy(packet, 0, scratch, 0, packet.length);
        b.onRtp(scratch, packet.length, from, vt.nowMillis() * 1000);
        java.util.Arrays.fill(scratch, (byte) 0x5A); // the next read overwrites it: B must not have kept it
    }

    private void connect() {
        a = stream("a@test", 1, A_RTP, A_RTCP, true);
        b = stream("b@test", 2, B_RTP, B_RTCP, false);
        a.remote(B_RTP, B_RTCP);
        b.remote(A_RTP, A_RTCP);
        clock.add(a::tick);
        clock.add(b::tick);
        a.start();
        b.start();
    }

    /** Connects A and B, A sending a 1 kHz tone, B recording. */
    private WavRecorder connectWithTone() {
        connect();
        a.source(MediaSource.tone(12000, 1000));
        WavRecorder recorder = new WavRecorder(10);
        b.sink(recorder);
        return recorder;
    }

    @Test
    void toneArrivesWithoutLossAndRtcpMeasuresRoundTrip() {
        WavRecorder recorder = connectWithTone();
        vt.advance(5000);

        RtpStatistics sb = b.statistics();
        assertThat(sb.packetsReceived()).isBetween(240L, 250L);
        assertThat(sb.packetsLost()).isZero();
        assertThat(sb.jitterMillis()).isZero(); // constant delay
        assertThat(sb.rtcpReceived()).isPositive();
        RtpStatistics sa = a.statistics();
        assertThat(sa.packetsSent()).isEqualTo(250);
        assertThat(sa.octetsSent()).isEqualTo(250 * 160);
        assertThat(sa.rttMillis()).isCloseTo(60.0, within(0.1)); // 30 ms each way
        assertThat(sa.remoteLost()).isZero();
        assertThat(b.statistics().rttMillis()).isCloseTo(60.0, within(0.1));

        short[] heard = recorder.samples();
        assertThat(heard).hasSize(249 * 160); // B ticks in the clock's second slot, 1 ms after A: 249 ticks in 5 s
        assertThat(Goertzel.relativePower(heard, 8000, 16000, 1000, 8000)).isGreaterThan(0.9);
        assertThat(Goertzel.relativePower(heard, 8000, 16000, 1500, 8000)).isLessThan(0.01);
    }

    @Test
    void aReceiverMayReadEveryDatagramIntoTheSameArray() {
        scratch = new byte[2048];
        WavRecorder recorder = connectWithTone();
        vt.advance(3000);

        assertThat(b.statistics().packetsReceived()).isBetween(140L, 150L);
        assertThat(b.statistics().dropped()).isEqualTo(1); // the first packet only: on probation (§A.1)
        short[] heard = recorder.samples();
        assertThat(Goertzel.relativePower(heard, heard.length - 16000, 16000, 1000, 8000)).isGreaterThan(0.9);
    }

    @Test
    void theOtherG711FormatIsReceivedToo() {
        // RFC 3264 §6.1, §7: the peer may send any format both sides listed, not necessarily the one we send with;
        // baresip answering PCMA to an offer of PCMU and PCMA sends PCMA at once, before the answer is applied
        WavRecorder recorder = connectWithTone();
        a.negotiated(G711Codec.PCMA, 101, PacketTransform.IDENTITY); // B still expects PCMU
        vt.advance(2000);
        assertThat(b.statistics().packetsReceived()).isGreaterThan(90);
        assertThat(b.statistics().dropped()).isLessThanOrEqualTo(1); // the first packet, on probation (§A.1)
        assertThat(Goertzel.relativePower(recorder.samples(), 4000, 8000, 1000, 8000)).isGreaterThan(0.9);
    }

    @Test
    void eachFrameIsDecodedWithTheCodecItCameWith() {
        WavRecorder recorder = connectWithTone();
        vt.advance(1000);
        a.negotiated(G711Codec.PCMA, 101, PacketTransform.IDENTITY); // a switch while B's buffer holds PCMU frames
        vt.advance(1000);
        short[] heard = recorder.samples();
        for (int at = 1600; at + 160 <= heard.length; at += 160) {
            assertThat(Goertzel.relativePower(heard, at, 160, 1000, 8000)).as("frame at sample %d", at)
                    .isGreaterThan(0.9);
        }
    }

    @Test
    void lossIsCountedConcealedAndReportedBack() {
        lost.add(50);
        lost.add(51);
        lost.add(120);
        connect();
        b.sink(frame -> { });
        vt.advance(4000);
        assertThat(b.statistics().packetsLost()).isEqualTo(3);
        assertThat(b.statistics().concealedFrames()).isGreaterThanOrEqualTo(3);
        assertThat(a.statistics().remoteLost()).isEqualTo(3); // from B's report block
    }

    @Test
    void withoutASinkPacketsAreCountedButNotPlayedOut() {
        lost.add(50);
        connect(); // no sink at B: a load generator's session
        vt.advance(4000);
        assertThat(b.statistics().packetsReceived()).isGreaterThan(190);
        assertThat(b.statistics().packetsLost()).isEqualTo(1);
        assertThat(b.statistics().concealedFrames()).isZero(); // nothing decoded, buffered or concealed
        assertThat(a.statistics().remoteLost()).isEqualTo(1);
        b.sink(frame -> { });
        lost.add(sentAtoB + 10);
        vt.advance(2000);
        assertThat(b.statistics().concealedFrames()).isPositive(); // a sink set later starts the playout
    }

    @Test
    void jitterFollowsVaryingDelay() {
        delayAtoB = n -> n % 2 == 0 ? 30 : 40; // |D| = 10 ms = 80 timestamp units for every packet
        connect();
        vt.advance(4000);
        assertThat(b.statistics().jitterMillis()).isCloseTo(10.0, within(0.5));
        assertThat(a.statistics().remoteJitterMillis()).isCloseTo(10.0, within(0.5));
        assertThat(b.statistics().packetsLost()).isZero();
    }

    @Test
    void dtmfDigitsCrossOnceEach() {
        connect();
        List<DtmfDigit> digits = new ArrayList<>();
        b.dtmfListener(digits::add);
        vt.advance(200);
        for (char c : "1234#".toCharArray()) {
            a.sendDtmf(c, 100);
        }
        vt.advance(2000);
        assertThat(digits).extracting(DtmfDigit::digit).containsExactly('1', '2', '3', '4', '#');
        assertThat(digits).allMatch(d -> d.durationMillis() == 100);
        assertThat(b.statistics().packetsLost()).isZero();
    }

    @Test
    void symmetricRtpLatchesToWhereThePacketsComeFrom() {
        a = stream("a@test", 1, A_RTP, A_RTCP, true);
        b = stream("b@test", 2, B_RTP, B_RTCP, false);
        a.remote(B_RTP, B_RTCP);
        b.remote(address(9, 9999), address(9, 10000)); // signalling gave B a wrong (private) address for A
        clock.add(a::tick);
        clock.add(b::tick);
        a.start();
        b.start();
        vt.advance(2000);
        assertThat(b.rtpRemote()).isEqualTo(A_RTP);
        assertThat(b.rtcpRemote()).isEqualTo(A_RTCP);
        assertThat(a.statistics().packetsReceived()).isPositive();
    }

    @Test
    void garbageAndForeignPacketsAreDroppedAndCounted() {
        connect();
        vt.advance(200);
        long before = b.statistics().dropped();
        b.onRtp(new byte[] {1, 2, 3}, A_RTP, 0);
        b.onRtp(io.callisto.media.rtp.RtpPacket.of(false, 0, 1, 1, 0x1234, new byte[160]).toBytes(), A_RTP, 0);
        b.onRtp(io.callisto.media.rtp.RtpPacket.of(false, 33, 1, 1, 0x1234, new byte[160]).toBytes(), A_RTP, 0);
        b.onRtcp(new byte[] {(byte) 0x80, (byte) 202, 0, 0}, A_RTCP, 0);
        assertThat(b.statistics().dropped()).isEqualTo(before + 4);
        assertThat(RtpStream.isRtcp(new byte[] {(byte) 0x80, (byte) 200})).isTrue();
        assertThat(RtpStream.isRtcp(new byte[] {(byte) 0x80, (byte) 0x80})).isFalse(); // PCMU with marker
        assertThat(RtpStream.isRtcp(new byte[] {(byte) 0x80, (byte) 101})).isFalse();
    }

    @Test
    void closeSendsBye() {
        connect();
        vt.advance(500);
        assertThat(b.remoteBye()).isFalse();
        a.close("bye");
        vt.advance(100);
        assertThat(b.remoteBye()).isTrue();
        long sent = a.statistics().packetsSent();
        vt.advance(500);
        assertThat(a.statistics().packetsSent()).isEqualTo(sent);
    }

    @Test
    void followsANewRemoteSourceOnceTheOldOneFellSilent() {
        connect();
        vt.advance(1000);
        InetSocketAddress other = address(3, 7000);
        inject(0x5555, other, 10);
        vt.advance(300);
        assertThat(b.rtpRemote()).isEqualTo(A_RTP); // A is still talking: the stranger is ignored
        a.sending(false);
        vt.advance(600);
        long before = b.statistics().dropped();
        inject(0x6666, other, 10);
        vt.advance(300);
        assertThat(b.rtpRemote()).isEqualTo(other);
        assertThat(b.statistics().packetsReceived()).isEqualTo(9); // the first packet is on probation (§A.1)
        assertThat(b.statistics().dropped()).isEqualTo(before + 1);
    }

    private void inject(long ssrc, InetSocketAddress from, int count) {
        for (int i = 0; i < count; i++) {
            byte[] packet = RtpPacket.of(false, 0, 100 + i, 160L * i, ssrc, new byte[160]).toBytes();
            vt.schedule(20L * i, () -> b.onRtp(packet, from, vt.nowMillis() * 1000));
        }
    }

    @Test
    void everyPacketPassesThroughThePacketTransform() {
        transform = new PacketTransform() {
            @Override
            public byte[] protectRtp(byte[] packet) {
                return flip(packet);
            }

            @Override
            public byte[] unprotectRtp(byte[] packet) {
                return packet[0] == (byte) ~0x80 ? flip(packet) : null;
            }

            @Override
            public byte[] protectRtcp(byte[] packet) {
                return flip(packet);
            }

            @Override
            public byte[] unprotectRtcp(byte[] packet) {
                return flip(packet);
            }

            private byte[] flip(byte[] p) {
                byte[] out = p.clone();
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) ~out[i];
                }
                return out;
            }
        };
        connect();
        vt.advance(3000);
        assertThat(b.statistics().packetsReceived()).isGreaterThan(100);
        assertThat(a.statistics().rttMillis()).isCloseTo(60.0, within(0.1));
        long dropped = b.statistics().dropped();
        b.onRtp(RtpPacket.of(false, 0, 1, 1, 1, new byte[160]).toBytes(), A_RTP, 0); // plain: refused
        assertThat(b.statistics().dropped()).isEqualTo(dropped + 1);
    }

    @Test
    void reorderedPacketsArePlayedInOrderAfterTheBufferAdapts() {
        delayAtoB = n -> n % 10 == 5 ? 75 : 30; // every tenth packet overtaken by the next two
        WavRecorder recorder = connectWithTone();
        vt.advance(6000);
        RtpStatistics sb = b.statistics();
        assertThat(sb.packetsLost()).isZero();
        assertThat(sb.jitterMillis()).isPositive();
        long concealedEarly = sb.concealedFrames();
        vt.advance(4000);
        // once the target depth covers the reordering, nothing more is concealed or dropped as late
        assertThat(b.statistics().concealedFrames()).isEqualTo(concealedEarly);
        short[] heard = recorder.samples();
        assertThat(Goertzel.relativePower(heard, heard.length - 16000, 16000, 1000, 8000)).isGreaterThan(0.9);
    }

    @Test
    void receivedDigitsArePlayedAsTheirTonesIntoTheSink() {
        connect();
        WavRecorder recorder = new WavRecorder(10);
        b.sink(recorder);
        vt.advance(1000);
        a.sendDtmf('1', 300); // 697 Hz + 1209 Hz
        vt.advance(1000);
        short[] heard = recorder.samples();
        assertThat(Goertzel.windows(heard, 800, 0.3, 697, 1209)).isBetween(2, 3); // 300 ms of tone in 100 ms windows
    }
}
