package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lean UDP wire on loopback, ephemeral ports: messages both ways, garbage dropped and counted. */
class LeanUdpWireTest {

    private static final String OPTIONS = "OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bK1\r\n"
            + "From: <sip:b@127.0.0.1>;tag=1\r\nTo: <sip:a@127.0.0.1>\r\nCall-ID: w1\r\nCSeq: 1 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void sendsFromTheCallsPortAndDeliversWhatParses() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (LeanUdpWire wire = new LeanUdpWire(List.of(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0)), 1);
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            wire.start();
            BlockingQueue<SipMessage> in = new ArrayBlockingQueue<>(4);
            BlockingQueue<Flow> flows = new ArrayBlockingQueue<>(4);
            wire.setHandler((m, f) -> {
                in.add(m);
                flows.add(f);
            });
            assertThat(wire.localPoints()).hasSize(2);
            InetSocketAddress second = wire.localPoints().get(1).address();
            assertThat(second.getPort()).isNotZero();

            SipMessage m = SipParser.parse(OPTIONS);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            wire.send(m, m.toBytes(), new Destination(Transport.UDP, peerAddress, new Flow(Transport.UDP, second, peerAddress, 0)),
                    cause -> { });
            peer.setSoTimeout(5000);
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            peer.receive(p);
            assertThat(p.getPort()).isEqualTo(second.getPort());
            assertThat(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).isEqualTo(OPTIONS);

            byte[] garbage = "not sip at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(garbage, garbage.length, second));
            byte[] good = OPTIONS.getBytes(StandardCharsets.US_ASCII);
            peer.send(new DatagramPacket(good, good.length, second));
            SipMessage got = in.poll(5, TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.callId()).isEqualTo("w1");
            Flow f = flows.poll(1, TimeUnit.SECONDS);
            assertThat(f.local().getPort()).isEqualTo(second.getPort());
            assertThat(f.remote()).isEqualTo(peerAddress);
            assertThat(wire.malformed()).isEqualTo(1);
            assertThat(in).isEmpty();
        }
    }
}
