package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TCP between two transport layers and against raw sockets, on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpTransportTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void requestAndResponseOverOneConnection(String host) throws Exception {
        try (Peer a = Peer.start(Peer.loopback(host, Transport.TCP).build());
                Peer b = Peer.start(Peer.loopback(host, Transport.TCP).build())) {
            SipRequest req = TestMessages.options();
            Flow sent = a.sendRequest(req, new Destination(Transport.TCP, b.address(Transport.TCP)));
            assertThat(sent.connected()).isTrue();
            assertThat(sent.remote()).isEqualTo(b.address(Transport.TCP));

            Peer.Inbound in = b.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.TCP);
            assertThat(in.flow().connectionId()).isNotZero();
            assertThat(in.flow().remote()).isEqualTo(sent.local());
            assertThat(in.message().topVia().transport()).isEqualTo("TCP");
            assertThat(in.message().topVia().port()).isEqualTo(a.address(Transport.TCP).getPort());
            assertThat(in.message().topVia().hasRport()).isFalse(); // rport is added for UDP only
            assertThat(in.message().topVia().received()).isNull(); // sent-by is the source IP

            Flow back = b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(back.connectionId()).isEqualTo(in.flow().connectionId());
            Peer.Inbound resp = a.next();
            assertThat(resp.response().status()).isEqualTo(200);
            assertThat(resp.flow().connectionId()).isEqualTo(sent.connectionId());
            assertThat(a.layer.stats().connectionsOpened()).isEqualTo(1);
            assertThat(b.layer.stats().connectionsAccepted()).isEqualTo(1);
            assertThat(a.layer.stats().tcpOut()).isEqualTo(1);
            assertThat(b.layer.stats().tcpIn()).isEqualTo(1);
        }
    }

    @Test
    void connectionsAreReusedInBothDirections() throws Exception {
        try (Peer a = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build())) {
            Flow aOut = a.sendRequest(TestMessages.options(), new Destination(Transport.TCP, b.address(Transport.TCP)));
            Peer.Inbound atB = b.next();
            long bId = atB.flow().connectionId();

            // B sends a request to A's source address: the connection A opened carries it
            Flow bOut = b.sendRequest(TestMessages.options(), new Destination(Transport.TCP, atB.flow().remote()));
            assertThat(bOut.connectionId()).isEqualTo(bId);
            Peer.Inbound atA = a.next();
            assertThat(atA.message().isRequest()).isTrue();
            assertThat(atA.flow().connectionId()).isEqualTo(aOut.connectionId());

            // and over the flow itself
            Flow bOver = b.sendRequest(TestMessages.options(), Destination.over(atB.flow()));
            assertThat(bOver.connectionId()).isEqualTo(bId);
            assertThat(a.next().flow().connectionId()).isEqualTo(aOut.connectionId());

            // A's next request to B reuses its connection too
            Flow aAgain = a.sendRequest(TestMessages.options(), new Destination(Transport.TCP, b.address(Transport.TCP)));
            assertThat(aAgain.connectionId()).isEqualTo(aOut.connectionId());
            assertThat(b.next().flow().connectionId()).isEqualTo(bId);

            assertThat(a.layer.stats().connectionsOpened()).isEqualTo(1);
            assertThat(a.layer.stats().connectionsAccepted()).isZero();
            assertThat(b.layer.stats().connectionsOpened()).isZero();
            assertThat(b.layer.stats().connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void largeUdpRequestSwitchesToTcp() throws Exception {
        try (Peer a = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP).build());
                Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP).build())) {
            // §18.2.1: the TCP point took the UDP point's port, so the switched request finds a listener
            assertThat(b.address(Transport.TCP).getPort()).isEqualTo(b.address(Transport.UDP).getPort());
            SipRequest big = TestMessages.message(2048);
            Destination d = a.layer.prepare(big, new Destination(Transport.UDP, b.address(Transport.UDP)));
            assertThat(d.transport()).isEqualTo(Transport.TCP);
            assertThat(big.topVia().transport()).isEqualTo("TCP");
            assertThat(big.topVia().port()).isEqualTo(a.address(Transport.TCP).getPort());
            a.sendAndWait(big, d);

            Peer.Inbound in = b.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.TCP);
            assertThat(in.message().bodyLength()).isEqualTo(2048);
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(a.next().response().status()).isEqualTo(200);

            SipRequest small = TestMessages.options();
            assertThat(a.layer.prepare(small, new Destination(Transport.UDP, b.address(Transport.UDP))).transport())
                    .isEqualTo(Transport.UDP);
        }
    }

    @Test
    void crlfPingGetsAPongAndTheConnectionStaysUsable() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
            raw.write("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(raw.read(2)).isEqualTo("\r\n");
            raw.write(rawRequest("ping-1", raw.socket.getLocalPort()));
            Peer.Inbound in = b.next();
            assertThat(in.message().callId()).isEqualTo("ping-1");
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(raw.readMessage()).startsWith("SIP/2.0 200 ").contains("Call-ID: ping-1");
            assertThat(b.layer.stats().keepAlivePingsReceived()).isEqualTo(1);
        }
    }

    @Test
    void clientKeepAlivePingsAndClosesTheFlowWithoutPong() throws Exception {
        TransportConfig cfg = Peer.loopback("127.0.0.1", Transport.TCP)
                .keepAliveInterval(Duration.ofMillis(100)).keepAliveTimeout(Duration.ofMillis(400)).build();
        try (Peer a = Peer.start(cfg); ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            server.setSoTimeout((int) (Peer.WAIT_SECONDS * 1000));
            a.sendRequest(TestMessages.options(), new Destination(Transport.TCP,
                    new InetSocketAddress("127.0.0.1", server.getLocalPort())));
            try (RawTcp peer = new RawTcp(server.accept())) {
                assertThat(peer.readMessage()).startsWith("OPTIONS ");
                assertThat(peer.read(4)).isEqualTo("\r\n\r\n"); // ping
                peer.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // pong
                assertThat(peer.read(4)).isEqualTo("\r\n\r\n"); // the next ping, left unanswered
                assertThat(peer.closedByPeer()).isTrue();
            }
            awaitValue(() -> a.layer.stats().connectionsOpen(), 0);
            TransportStats s = a.layer.stats();
            assertThat(s.keepAlivePingsSent()).isGreaterThanOrEqualTo(2);
            assertThat(s.keepAlivePongsReceived()).isEqualTo(1);
            assertThat(s.keepAliveFailures()).isEqualTo(1);
        }
    }

    @Test
    void framingErrorClosesOnlyThatConnection() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                RawTcp bad = new RawTcp(b.address(Transport.TCP));
                RawTcp good = new RawTcp(b.address(Transport.TCP))) {
            bad.write("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKf\n"
                    + "this line has no colon\nContent-Length: 0\n\n");
            assertThat(bad.closedByPeer()).isTrue();

            good.write(rawRequest("good-1", good.socket.getLocalPort()));
            Peer.Inbound in = b.next();
            assertThat(in.message().callId()).isEqualTo("good-1");
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(good.readMessage()).startsWith("SIP/2.0 200 ");
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(1);
        }
    }

    @Test
    void missingContentLengthOnAStreamIsAFramingError() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
            raw.write("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKn\n"
                    + "Call-ID: n-1\nCSeq: 1 OPTIONS\n\n");
            assertThat(raw.closedByPeer()).isTrue();
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(1);
            assertThat(b.poll(0)).isNull();
        }
    }

    @Test
    void invalidRequestOnAStreamIsAnsweredAndTheConnectionKept() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
            raw.write("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKv\n"
                    + "From: <sip:a@x>;tag=1\nTo: <sip:b@x>\nCall-ID: v-1\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n");
            assertThat(raw.readMessage()).startsWith("SIP/2.0 400 missing Max-Forwards header").contains("Call-ID: v-1");
            raw.write(rawRequest("v-2", raw.socket.getLocalPort()));
            assertThat(b.next().message().callId()).isEqualTo("v-2");
            assertThat(b.layer.stats().badRequestsSent()).isEqualTo(1);
        }
    }

    @Test
    void oversizeStreamMessageClosesTheConnection() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).maxMessageSize(1024).build());
                RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
            raw.write("MESSAGE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKo\n"
                    + "Call-ID: o-1\nCSeq: 1 MESSAGE\nContent-Length: 5000\n\n");
            assertThat(raw.closedByPeer()).isTrue();
            assertThat(b.layer.stats().oversizeDropped()).isEqualTo(1);
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(1);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).maxConnections(2).build());
                RawTcp c2 = new RawTcp(b.address(Transport.TCP))) {
            RawTcp c1 = new RawTcp(b.address(Transport.TCP));
            try {
                c1.write(rawRequest("max-1", c1.socket.getLocalPort()));
                c2.write(rawRequest("max-2", c2.socket.getLocalPort()));
                b.next();
                b.next();
                try (RawTcp c3 = new RawTcp(b.address(Transport.TCP))) {
                    assertThat(c3.closedByPeer()).isTrue();
                }
                assertThat(b.layer.stats().connectionsRejected()).isEqualTo(1);
                assertThat(b.layer.stats().connectionsOpen()).isEqualTo(2);

                c1.close(); // frees a slot
                awaitValue(() -> b.layer.stats().connectionsOpen(), 1);
            } finally {
                c1.close();
            }
            try (RawTcp c4 = new RawTcp(b.address(Transport.TCP))) {
                c4.write(rawRequest("max-4", c4.socket.getLocalPort()));
                assertThat(b.next().message().callId()).isEqualTo("max-4");
            }
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).idleTimeout(Duration.ofMillis(300)).build());
                RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
            assertThat(raw.closedByPeer()).isTrue();
            awaitValue(() -> b.layer.stats().connectionsClosedIdle(), 1);
            awaitValue(() -> b.layer.stats().connectionsOpen(), 0);
        }
    }

    @Test
    void responseOpensANewConnectionWhenTheRequestsOneIsGone() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build());
                ServerSocket client = new ServerSocket()) {
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            client.setSoTimeout((int) (Peer.WAIT_SECONDS * 1000));
            Peer.Inbound in;
            try (RawTcp raw = new RawTcp(b.address(Transport.TCP))) {
                raw.write(rawRequest("gone-1", client.getLocalPort()));
                in = b.next();
            }
            awaitValue(() -> b.layer.stats().connectionsOpen(), 0);
            // §18.2.2: connect to received (or the sent-by host) and the sent-by port
            Flow f = b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(f.connectionId()).isNotEqualTo(in.flow().connectionId());
            try (RawTcp back = new RawTcp(client.accept())) {
                assertThat(back.readMessage()).startsWith("SIP/2.0 200 ").contains("Call-ID: gone-1");
            }
        }
    }

    @Test
    void connectFailureIsReported() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        try (Peer a = Peer.start(Peer.loopback("127.0.0.1", Transport.TCP).build())) {
            SendProbe probe = new SendProbe();
            SipRequest r = TestMessages.options();
            Destination d = new Destination(Transport.TCP, new InetSocketAddress("127.0.0.1", closedPort));
            a.layer.send(r, a.layer.prepare(r, d), probe);
            assertThat(probe.failure()).isNotNull();
            assertThat(a.layer.stats().sendFailures()).isEqualTo(1);
            awaitValue(() -> a.layer.stats().connectionsOpen(), 0);
        }
    }

    @Test
    void nioTransportWorksToo() throws Exception {
        TransportConfig cfg = Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP).nativeTransport(false).build();
        try (Peer a = Peer.start(cfg); Peer b = Peer.start(cfg)) {
            assertThat(a.layer.ioKind()).isEqualTo("NIO");
            for (Transport t : new Transport[] {Transport.UDP, Transport.TCP}) {
                a.sendRequest(TestMessages.options(), new Destination(t, b.address(t)));
                Peer.Inbound in = b.next();
                assertThat(in.flow().transport()).isEqualTo(t);
                b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
                assertThat(a.next().response().status()).isEqualTo(200);
            }
        }
    }

    static String rawRequest(String callId, int port) {
        return "OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/TCP 127.0.0.1:" + port + ";branch=z9hG4bK" + callId
                + "\nFrom: <sip:a@example.com>;tag=1\nTo: <sip:b@example.com>\nCall-ID: " + callId
                + "\nCSeq: 1 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n";
    }

    /** Waits (bounded) until {@code value} reads {@code expected}, then asserts it. */
    static void awaitValue(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Peer.WAIT_SECONDS);
        while (value.getAsLong() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a counter, not timing behaviour
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }
}
