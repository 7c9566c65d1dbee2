package io.callisto.media.rtp;

import static io.callisto.media.rtp.LoopbackMedia.await;
import static io.callisto.media.rtp.LoopbackMedia.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.EventLoopOwners;
import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.WavRecorder;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions sharing one port pair (a load generator's) against sessions with their own sockets, on real loopback
 * sockets (epoll where available: the shared socket then reads with recvmmsg and sends with sendmmsg).
 */
class SharedRtpSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final double[] TONES = {700, 1100, 1700};

    private final EventLoopGroup group = IoKind.choose(true).newGroup(1, "shared-test");
    private final EventLoop loop = group.next();
    private final MediaClock clock = new MediaClock(new EventLoopOwners.LoopOwner(loop));

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }


    private static RtpSessionConfig config(String cname) {
        return RtpSessionConfig.defaults(LOOPBACK, cname).withPorts(ports()).withRtcpInterval(300);
    }


    @Test
    void eachSharedSessionTalksWithItsOwnPeerOnly() throws Exception {
        SharedRtpSocket socket = SharedRtpSocket.bind(loop, clock, LOOPBACK, ports()).get(10, TimeUnit.SECONDS);
        List<RtpSession> shared = new ArrayList<>();
        List<RtpSession> peers = new ArrayList<>();
        List<WavRecorder> sharedHeard = new ArrayList<>();
        List<WavRecorder> peersHeard = new ArrayList<>();
        for (int i = 0; i < TONES.length; i++) {
            RtpSession s = RtpSession.openShared(socket, config("shared" + i + "@test"));
            RtpSession p = RtpSession.open(loop, clock, config("peer" + i + "@test")).get(10, TimeUnit.SECONDS);
            assertThat(s.localRtpPort()).isEqualTo(socket.rtpPort());
            assertThat(s.localRtcpPort()).isEqualTo(socket.rtpPort() + 1);
            s.remote(new InetSocketAddress(LOOPBACK, p.localRtpPort()), null);
            p.remote(new InetSocketAddress(LOOPBACK, s.localRtpPort()), null);
            s.source(MediaSource.tone(8000, TONES[i]));
            p.source(MediaSource.tone(8000, TONES[TONES.length - 1 - i]));
            WavRecorder sh = new WavRecorder(10);
            WavRecorder ph = new WavRecorder(10);
            s.sink(sh);
            p.sink(ph);
            shared.add(s);
            peers.add(p);
            sharedHeard.add(sh);
            peersHeard.add(ph);
        }
        shared.forEach(RtpSession::start);
        peers.forEach(RtpSession::start);
        await("2 s of audio and RTCP both ways on every call", () -> shared.stream().allMatch(s ->
                s.statistics().packetsReceived() >= 100 && s.statistics().rttMillis() >= 0)
                && peers.stream().allMatch(p -> p.statistics().packetsReceived() >= 100
                && p.statistics().rttMillis() >= 0));
        for (int i = 0; i < TONES.length; i++) {
            short[] atPeer = peersHeard.get(i).samples();
            short[] atShared = sharedHeard.get(i).samples();
            double other = TONES[(i + 1) % TONES.length];
            // 100 ms windows over about 2 s: the call's own tone in most, another call's in none
            assertThat(Goertzel.windows(atPeer, 800, 0.9, TONES[i])).as("peer %d hears its call", i)
                    .isGreaterThanOrEqualTo(12);
            assertThat(Goertzel.windows(atPeer, 800, 0.05, other)).as("peer %d hears no other call", i).isZero();
            assertThat(Goertzel.windows(atShared, 800, 0.9, TONES[TONES.length - 1 - i]))
                    .as("shared session %d hears its peer", i).isGreaterThanOrEqualTo(12);
            assertThat(shared.get(i).statistics().packetsLost()).isZero();
        }
        assertThat(socket.unrouted()).isZero();
        for (RtpSession s : shared) {
            s.close().get(5, TimeUnit.SECONDS);
        }
        await("every peer hears its session's RTCP BYE", () -> peers.stream().allMatch(RtpSession::remoteBye));
        socket.close().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aReflectorsPacketsReachEachSessionByItsSsrcAndStrangersAreCounted() throws Exception {
        SharedRtpSocket socket = SharedRtpSocket.bind(loop, clock, LOOPBACK, ports()).get(10, TimeUnit.SECONDS);
        try (DatagramSocket reflector = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            reflector.setSoTimeout(100);
            Thread mirror = new Thread(() -> {
                byte[] buf = new byte[2048];
                for (int i = 0; i < 400 && !reflector.isClosed(); i++) { // bounded: 400 datagrams or timeouts
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        reflector.receive(p);
                        // like SIPp's -rtp_echo: every call's packets back to where they came from, from one port
                        reflector.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                    } catch (java.io.IOException e) {
                        // timeout or closed: try again or stop
                    }
                }
            });
            mirror.start();
            List<RtpSession> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RtpSession s = RtpSession.openShared(socket, config("reflected" + i + "@test"));
                s.remote(new InetSocketAddress(LOOPBACK, reflector.getLocalPort()), null); // the same for both
                s.source(MediaSource.tone(8000, 1000));
                s.start();
                calls.add(s);
            }
            byte[] junk = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4};
            stranger.send(new DatagramPacket(junk, junk.length, new InetSocketAddress(LOOPBACK, socket.rtpPort())));
            // a session drops packets with its own SSRC (RFC 3550 §8.2: a loop), so its drop counter shows that its
            // own packets came back to it; had the reflector's address routed them, one session would get them all
            await("each session gets its own packets back", () -> calls.stream()
                    .allMatch(s -> s.statistics().dropped() >= 20));
            await("the stranger's datagram is counted", () -> socket.unrouted() == 1);
            for (RtpSession s : calls) {
                assertThat(s.statistics().packetsReceived()).isZero(); // none of the other call's
                s.close().get(5, TimeUnit.SECONDS);
            }
            mirror.join(60_000);
        }
        socket.close().get(5, TimeUnit.SECONDS);
    }
}
