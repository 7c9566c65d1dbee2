package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.Messages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Random and mangled input on every socket: nothing escapes, nothing sticks, the layer keeps working. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileInputTest {

    private static final String VALID = "INVITE sip:bob@example.com SIP/2.0\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5999;rport;branch=z9hG4bKfuzz\nMax-Forwards: 70\n"
            + "From: \"A\" <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: fuzz@x\nCSeq: 1 INVITE\n"
            + "Contact: <sip:a@127.0.0.1:5999>\nContent-Type: application/sdp\nContent-Length: 4\n\nv=0\n";

    @Test
    void randomAndMangledDatagramsAndStreams() throws Exception {
        Random rnd = new Random(20261124L);
        byte[] valid = TestMessages.crlf(VALID);
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress udp = b.address(Transport.UDP);
            for (int i = 0; i < 300; i++) {
                raw.send(i % 2 == 0 ? mangle(valid, rnd) : random(rnd, 1 + rnd.nextInt(1500)), udp);
                if (i % 25 == 24) {
                    // a barrier, so that the socket buffer never overflows (a kernel drop is not what is tested)
                    raw.send(barrier(i, raw.port()), udp);
                    awaitCallId(b, "barrier-" + i);
                }
            }
            for (int i = 0; i < 20; i++) {
                try (RawTcp tcp = new RawTcp(b.address(Transport.TCP))) {
                    tcp.write(i % 2 == 0 ? mangle(valid, rnd) : random(rnd, 1 + rnd.nextInt(4000)));
                } catch (IOException e) {
                    // the layer may close a connection before all bytes are written: that is fine
                }
            }
            // still alive on both transports
            try (Peer a = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP).build())) {
                for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
                    var req = TestMessages.options();
                    a.sendRequest(req, new Destination(t, b.address(t)));
                    Peer.Inbound in = awaitCallId(b, req.callId());
                    b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
                    assertThat(a.next().response().status()).isEqualTo(200);
                }
            }
            assertThat(b.layer.stats().malformedDropped()).isPositive();
        }
    }

    /** The next delivered message with this Call-ID, skipping mangled input that happened to stay valid. */
    private static Peer.Inbound awaitCallId(Peer b, String callId) throws InterruptedException {
        Peer.Inbound in = b.next();
        while (!callId.equals(in.message().callId())) {
            in = b.next();
        }
        return in;
    }

    private static byte[] barrier(int i, int port) {
        return TestMessages.crlf("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + port
                + ";branch=z9hG4bKb" + i + "\nFrom: <sip:a@x>;tag=1\nTo: <sip:b@x>\nCall-ID: barrier-" + i
                + "\nCSeq: 1 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n");
    }

    private static byte[] random(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static byte[] mangle(byte[] valid, Random rnd) {
        byte[] b = valid.clone();
        int flips = 1 + rnd.nextInt(6);
        for (int i = 0; i < flips; i++) {
            int at = rnd.nextInt(b.length);
            b[at] = switch (rnd.nextInt(4)) {
                case 0 -> (byte) rnd.nextInt(256);
                case 1 -> (byte) '\r';
                case 2 -> (byte) ':';
                default -> (byte) ' ';
            };
        }
        return b;
    }
}
