package io.callisto.media.rtp;

import static io.callisto.media.rtp.LoopbackMedia.await;
import static io.callisto.media.rtp.LoopbackMedia.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.EventLoopOwners;
import io.callisto.media.audio.MediaSource;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Strict RTP on real loopback sockets: once symmetric RTP has latched, the RTP socket is connected to that source,
 * so another sender's datagrams never reach the session; a re-offer with a new address latches again.
 */
class StrictRtpTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final EventLoopGroup group = IoKind.choose(true).newGroup(1, "strict-test");
    private final EventLoop loop = group.next();
    private final MediaClock clock = new MediaClock(new EventLoopOwners.LoopOwner(loop));

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private static RtpSessionConfig config(String cname, boolean strict) {
        return RtpSessionConfig.defaults(LOOPBACK, cname).withPorts(ports())
                .withRtcpInterval(300).withStrictRtp(strict);
    }


    private RtpSession open(String cname, boolean strict) throws Exception {
        return RtpSession.open(loop, clock, config(cname, strict)).get(10, TimeUnit.SECONDS);
    }

    private static void pair(RtpSession x, RtpSession y) {
        x.remote(new InetSocketAddress(LOOPBACK, y.localRtpPort()), null);
        y.remote(new InetSocketAddress(LOOPBACK, x.localRtpPort()), null);
        x.source(MediaSource.tone(8000, 1000));
        y.source(MediaSource.tone(8000, 1000));
        x.start();
        y.start();
    }

    /** Sends {@code n} valid PCMU packets of a foreign SSRC to {@code port} from a socket of its own. */
    private static void inject(int port, int n) throws Exception {
        try (DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int i = 0; i < n; i++) {
                byte[] p = RtpPacket.of(false, 0, 100 + i, 1000L + 160L * i, 0x5EEDL, new byte[160]).toBytes();
                stranger.send(new DatagramPacket(p, p.length, new InetSocketAddress(LOOPBACK, port)));
            }
        }
    }

    @Test
    void onceLatchedTheSessionNoLongerSeesOtherSenders() throws Exception {
        for (boolean strict : new boolean[] {true, false}) {
            RtpSession a = open("a@test", strict);
            RtpSession b = open("b@test", strict);
            pair(a, b);
            await("media both ways", () -> a.statistics().packetsReceived() >= 25
                    && b.statistics().packetsReceived() >= 25);
            Thread.sleep(300); // counters are copied every 200 ms
            long dropped = b.statistics().dropped();
            inject(b.localRtpPort(), 10);
            Thread.sleep(600);
            if (strict) {
                // the kernel drops them at the connected socket: the session never sees them
                assertThat(b.statistics().dropped()).as("strict").isEqualTo(dropped);
            } else {
                // read, and refused as another source while the remote one is alive
                assertThat(b.statistics().dropped()).as("not strict").isGreaterThanOrEqualTo(dropped + 10);
            }
            assertThat(b.statistics().packetsLost()).isZero();
            a.close().get(5, TimeUnit.SECONDS);
            b.close().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aReofferWithANewAddressLatchesAgain() throws Exception {
        RtpSession a = open("a@test", true);
        RtpSession b = open("b@test", true);
        pair(a, b);
        await("media both ways", () -> b.statistics().packetsReceived() >= 25);
        a.close().get(5, TimeUnit.SECONDS); // the old peer leaves
        RtpSession c = open("c@test", true);
        c.remote(new InetSocketAddress(LOOPBACK, b.localRtpPort()), null);
        c.source(MediaSource.tone(8000, 1000));
        b.remote(new InetSocketAddress(LOOPBACK, c.localRtpPort()), null); // a re-offer: B now talks with C
        c.start();
        int port = b.localRtpPort();
        // C's remote figures come from B's RTCP report blocks about C's SSRC: only there when B receives C
        await("B hears C and C hears B", () -> c.statistics().remoteJitterMillis() >= 0
                && c.statistics().packetsReceived() >= 50);
        assertThat(c.statistics().remoteLost()).isZero();
        assertThat(b.localRtpPort()).isEqualTo(port); // bound again on the same port
        b.close().get(5, TimeUnit.SECONDS);
        c.close().get(5, TimeUnit.SECONDS);
    }
}
