package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** UDP between two transport layers and against raw sockets, on loopback (IPv4 and IPv6). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpTransportTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void requestAndResponseRoundTrip(String host) throws Exception {
        try (Peer a = Peer.start(Peer.loopback(host, Transport.UDP).build());
                Peer b = Peer.start(Peer.loopback(host, Transport.UDP).build())) {
            assertThat(a.address(Transport.UDP).getPort()).isPositive();
            var req = TestMessages.options();
            Flow sent = a.sendRequest(req, new Destination(Transport.UDP, b.address(Transport.UDP)));
            assertThat(sent.transport()).isEqualTo(Transport.UDP);
            assertThat(sent.local()).isEqualTo(a.address(Transport.UDP));

            Peer.Inbound in = b.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.UDP);
            assertThat(in.flow().remote()).isEqualTo(a.address(Transport.UDP));
            assertThat(in.flow().connected()).isFalse();
            Via top = in.message().topVia();
            assertThat(top.transport()).isEqualTo("UDP");
            assertThat(top.port()).isEqualTo(a.address(Transport.UDP).getPort());
            assertThat(top.branch()).isEqualTo(req.topVia().branch());
            // the empty rport the client added is filled, and received comes with it (RFC 3581 §4)
            assertThat(top.rport()).isEqualTo(a.address(Transport.UDP).getPort());
            assertThat(top.received()).isNotNull();

            SipResponse ok = Messages.responseTo(in.request(), 200);
            Flow back = b.respondAndWait(ok, in.flow());
            assertThat(back.local()).isEqualTo(b.address(Transport.UDP));
            assertThat(back.remote()).isEqualTo(a.address(Transport.UDP));

            Peer.Inbound resp = a.next();
            assertThat(resp.response().status()).isEqualTo(200);
            assertThat(resp.message().callId()).isEqualTo(req.callId());
            assertThat(resp.flow().remote()).isEqualTo(b.address(Transport.UDP));
            assertThat(a.layer.stats().udpOut()).isEqualTo(1);
            assertThat(a.layer.stats().udpIn()).isEqualTo(1);
            assertThat(b.layer.stats().messagesIn(Transport.UDP)).isEqualTo(1);
        }
    }

    @Test
    void anObserverSeesEveryMessageSentAndReceived() throws Exception {
        try (Peer a = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build())) {
            java.util.List<String> seenA = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.List<String> seenB = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.layer.setObserver(observer(seenA));
            b.layer.setObserver(observer(seenB));
            var req = TestMessages.options();
            a.sendRequest(req, new Destination(Transport.UDP, b.address(Transport.UDP)));
            Peer.Inbound in = b.next();
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(a.next().response().status()).isEqualTo(200);
            assertThat(seenA).containsExactly("sent OPTIONS", "received 200");
            assertThat(seenB).containsExactly("received OPTIONS", "sent 200");
        }
    }

    private static MessageObserver observer(java.util.List<String> seen) {
        return new MessageObserver() {
            @Override
            public void received(io.callisto.sip.message.SipMessage m, Flow flow) {
                seen.add("received " + name(m));
            }

            @Override
            public void sent(io.callisto.sip.message.SipMessage m) {
                seen.add("sent " + name(m));
            }
        };
    }

    private static String name(io.callisto.sip.message.SipMessage m) {
        return m instanceof io.callisto.sip.message.SipRequest r ? r.method()
                : Integer.toString(((SipResponse) m).status());
    }

    @Test
    void receivedAndRportAreStampedAndTheResponseGoesToTheSourcePort() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            raw.send(request("client.example.com:5999;branch=z9hG4bKraw1;rport", "stamp-1"), to);
            Peer.Inbound in = b.next();
            Via top = in.message().topVia();
            assertThat(top.host()).isEqualTo("client.example.com");
            assertThat(top.received()).isEqualTo("127.0.0.1");
            assertThat(top.rport()).isEqualTo(raw.port());
            assertThat(top.branch()).isEqualTo("z9hG4bKraw1");

            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            String answer = raw.receive();
            assertThat(answer).startsWith("SIP/2.0 200 ").contains("Call-ID: stamp-1")
                    .contains("received=127.0.0.1").contains("rport=" + raw.port());
        }
    }

    @Test
    void receivedOnlyWhenTheSentByHostDiffersFromTheSource() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            raw.send(request("127.0.0.1:" + raw.port() + ";branch=z9hG4bKsame", "same-1"), to);
            Via same = b.next().message().topVia();
            assertThat(same.received()).isNull();
            assertThat(same.hasRport()).isFalse();

            raw.send(request("192.0.2.1:5060;branch=z9hG4bKother", "other-1"), to);
            Via other = b.next().message().topVia();
            assertThat(other.received()).isEqualTo("127.0.0.1");
            assertThat(other.hasRport()).isFalse();
        }
    }

    @Test
    void responsesWithAForeignSentByAreDiscarded() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            raw.send(response("198.51.100.7:5060", "foreign-1"), to);
            raw.send(response("127.0.0.1:" + to.getPort(), "ours-1"), to);
            Peer.Inbound in = b.next();
            assertThat(in.message().callId()).isEqualTo("ours-1"); // the foreign one never arrived
            assertThat(b.layer.stats().responsesDiscarded()).isEqualTo(1);
            assertThat(b.poll(0)).isNull();
        }
    }

    @Test
    void malformedRequestsGetA400NamingTheProblem() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            String via = "127.0.0.1:" + raw.port() + ";branch=z9hG4bKbad";
            // does not parse: the body is shorter than Content-Length (§18.3 says: 400)
            raw.send("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP " + via + "\nFrom: <sip:a@example.com>;tag=1\n"
                    + "To: <sip:b@example.com>\nCall-ID: bad-1\nCSeq: 1 INVITE\nMax-Forwards: 70\n"
                    + "Content-Length: 500\n\nshort", to);
            String r1 = raw.receive();
            assertThat(r1).startsWith("SIP/2.0 400 Content-Length larger than the message body")
                    .contains("Call-ID: bad-1").contains("CSeq: 1 INVITE").contains("branch=z9hG4bKbad");

            // parses, fails validation: CSeq method differs from the request method
            raw.send("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP " + via + "\nFrom: <sip:a@example.com>;tag=1\n"
                    + "To: <sip:b@example.com>\nCall-ID: bad-2\nCSeq: 1 INVITE\nMax-Forwards: 70\n"
                    + "Content-Length: 0\n\n", to);
            String r2 = raw.receive();
            assertThat(r2).startsWith("SIP/2.0 400 CSeq method INVITE does not match request method OPTIONS")
                    .contains("Call-ID: bad-2");

            // wrong version: 505 (§8.2.6 via the validator's verdict)
            raw.send("OPTIONS sip:bob@example.com SIP/3.0\nVia: SIP/2.0/UDP " + via + "\nFrom: <sip:a@example.com>;tag=1\n"
                    + "To: <sip:b@example.com>\nCall-ID: bad-3\nCSeq: 1 OPTIONS\nMax-Forwards: 70\n"
                    + "Content-Length: 0\n\n", to);
            assertThat(raw.receive()).startsWith("SIP/2.0 505 ").contains("Call-ID: bad-3");

            assertThat(b.layer.stats().malformedDropped()).isEqualTo(3);
            assertThat(b.layer.stats().badRequestsSent()).isEqualTo(3);
            assertThat(b.poll(0)).isNull();
        }
    }

    @Test
    void unanswerableGarbageAndAcksAreDroppedSilently() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            raw.send(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5}, to); // a TLS hello on UDP
            raw.send("INVITE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:1\nbroken line\n\n", to);
            raw.send("ACK sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKa\n"
                    + "Call-ID: ack-1\nCSeq: 1 INVITE\n\n", to);
            raw.send("\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), to); // keep-alive: ignored
            // a barrier: the first thing that comes back is the answer to this last one
            raw.send("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + raw.port()
                    + ";branch=z9hG4bKlast\nCall-ID: last-1\nCSeq: 1 INVITE\nFrom: <sip:a@x>;tag=1\nTo: <sip:b@x>\n"
                    + "Max-Forwards: 70\nContent-Length: 0\n\n", to);
            assertThat(raw.receive()).startsWith("SIP/2.0 400 ").contains("Call-ID: last-1");
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(4);
            assertThat(b.layer.stats().badRequestsSent()).isEqualTo(1);
            assertThat(b.poll(0)).isNull();
        }
    }

    @Test
    void malformedResponsesAreCountedAndDropped() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            String ours = "127.0.0.1:" + to.getPort();
            raw.send("SIP/2.0 200 OK\nVia: SIP/2.0/UDP " + ours + ";branch=z9hG4bKr\nFrom: <sip:a@x>;tag=1\n"
                    + "To: <sip:b@x>\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n", to); // no Call-ID
            raw.send("SIP/2.0 2000 OK\nVia: SIP/2.0/UDP " + ours + "\n\n", to); // bad status line
            raw.send(response(ours, "good-1"), to);
            assertThat(b.next().message().callId()).isEqualTo("good-1");
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(2);
            assertThat(b.layer.stats().badRequestsSent()).isZero();
            assertThat(raw.receive(50)).isNull(); // responses are never answered
        }
    }

    @Test
    void oversizeDatagramsAreRefusedWith513() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).maxMessageSize(1024).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            String big = "MESSAGE sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:" + raw.port()
                    + ";branch=z9hG4bKbig\nFrom: <sip:a@x>;tag=1\nTo: <sip:b@x>\nCall-ID: big-1\nCSeq: 1 MESSAGE\n"
                    + "Max-Forwards: 70\nContent-Type: text/plain\nContent-Length: 1500\n\n" + "y".repeat(1500);
            raw.send(big, to);
            assertThat(raw.receive()).startsWith("SIP/2.0 513 Message Too Large").contains("Call-ID: big-1");
            assertThat(b.layer.stats().oversizeDropped()).isEqualTo(1);
            assertThat(b.layer.stats().malformedDropped()).isEqualTo(1);
            assertThat(b.poll(0)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aBurstIsReadWithoutWaitingForAnotherDatagram(boolean nativeTransport) throws Exception {
        int n = 100;
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).nativeTransport(nativeTransport).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            // hold the I/O threads so that the whole burst is queued in the socket before the first read
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(b.layer.config().ioThreads());
            b.layer.eventLoopGroup().forEach(loop -> loop.execute(() -> {
                held.countDown();
                try {
                    release.await(Peer.WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(Peer.WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < n; i++) {
                raw.send(response("127.0.0.1:" + to.getPort(), "burst-" + i), to);
            }
            release.countDown();
            for (int i = 0; i < n; i++) {
                assertThat(b.next().message().callId()).isEqualTo("burst-" + i);
            }
        }
    }

    @Test
    void lossHookDropsAboutTheConfiguredFractionBothWays() throws Exception {
        int n = 400;
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).udpLossRate(0.25, 7).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            InetSocketAddress to = b.address(Transport.UDP);
            // receive side: one datagram at a time, so the only loss is the hook's
            int delivered = 0;
            for (int i = 0; i < n; i++) {
                long lostBefore = b.layer.stats().udpLost();
                raw.send(response("127.0.0.1:" + to.getPort(), "loss-" + i), to);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Peer.WAIT_SECONDS);
                Peer.Inbound in = null;
                while (in == null && b.layer.stats().udpLost() == lostBefore && System.nanoTime() < deadline) {
                    in = b.inbox.poll(1, TimeUnit.MILLISECONDS);
                }
                delivered += in != null ? 1 : 0;
            }
            long lostIn = b.layer.stats().udpLost();
            assertThat(lostIn + delivered).isEqualTo(n);
            assertThat(lostIn).isBetween(60L, 140L); // 25% of 400 = 100

            // send side: a datagram the hook let through reaches the raw socket, a dropped one does not
            InetSocketAddress rawAddress = new InetSocketAddress("127.0.0.1", raw.port());
            int got = 0;
            for (int i = 0; i < n; i++) {
                long lostBefore = b.layer.stats().udpLost();
                b.sendAndWait(TestMessages.options(), new Destination(Transport.UDP, rawAddress));
                if (b.layer.stats().udpLost() == lostBefore) {
                    assertThat(raw.receive()).startsWith("OPTIONS ");
                    got++;
                }
            }
            long lostOut = b.layer.stats().udpLost() - lostIn;
            assertThat(lostOut).isBetween(60L, 140L);
            assertThat(got + lostOut).isEqualTo(n);
            assertThat(raw.receive(50)).isNull();
        }
    }

    @Test
    void responsesToAHostNameAreResolvedOffTheLoop() throws Exception {
        try (Peer b = Peer.start(Peer.loopback("127.0.0.1", Transport.UDP).build());
                RawUdp raw = new RawUdp("127.0.0.1")) {
            raw.send("OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP localhost:" + raw.port()
                    + ";branch=z9hG4bKname\nFrom: <sip:a@x>;tag=1\nTo: <sip:b@x>\nCall-ID: name-1\nCSeq: 1 OPTIONS\n"
                    + "Max-Forwards: 70\nContent-Length: 0\n\n", b.address(Transport.UDP));
            Peer.Inbound in = b.next();
            var resp = Messages.responseTo(in.request(), 200);
            // drop the received parameter so that routing must look the sent-by name up (§18.2.2 last bullet)
            resp.set(Headers.VIA, resp.topVia().withoutParameter("received"));
            b.respondAndWait(resp, null);
            assertThat(raw.receive()).startsWith("SIP/2.0 200 ").contains("Call-ID: name-1");
        }
    }

    private static String request(String sentBy, String callId) {
        return "OPTIONS sip:bob@example.com SIP/2.0\nVia: SIP/2.0/UDP " + sentBy + "\nFrom: <sip:a@example.com>;tag=1\n"
                + "To: <sip:b@example.com>\nCall-ID: " + callId + "\nCSeq: 1 OPTIONS\nMax-Forwards: 70\n"
                + "Content-Length: 0\n\n";
    }

    private static String response(String sentBy, String callId) {
        return "SIP/2.0 200 OK\nVia: SIP/2.0/UDP " + sentBy + ";branch=z9hG4bKresp\nFrom: <sip:a@example.com>;tag=1\n"
                + "To: <sip:b@example.com>;tag=2\nCall-ID: " + callId + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    }
}
