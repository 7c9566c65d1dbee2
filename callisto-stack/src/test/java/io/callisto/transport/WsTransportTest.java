package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** SIP over WebSocket (RFC 7118) against the JDK's WebSocket client and raw sockets, on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WsTransportTest {

    private final Logger wsLog = (Logger) LoggerFactory.getLogger("io.callisto.transport.internal.WsHandler");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private ch.qos.logback.classic.Level level;

    @BeforeEach
    void captureLogs() {
        level = wsLog.getLevel();
        wsLog.setLevel(ch.qos.logback.classic.Level.INFO);
        logs.start();
        wsLog.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        wsLog.detachAppender(logs);
        wsLog.setLevel(level);
    }

    /** A browser-style REGISTER: Via sent-by is a made-up .invalid host, no Content-Length (RFC 7118 §5, §8.1). */
    static String browserRequest(String method, String callId, String body) {
        return method + " sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:alice@example.com>\r\n"
                + "From: <sip:alice@example.com>;tag=65bnmj.p\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>\r\n"
                + (body.isEmpty() ? "" : "Content-Type: text/plain\r\n")
                + "\r\n" + body;
    }

    @Test
    void requestsAndResponsesTravelOverTheConnectionTheBrowserOpened() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).build());
                WsClient browser = new WsClient(server.address(Transport.WS))) {
            browser.send(browserRequest("REGISTER", "ws-reg-1", ""));
            Peer.Inbound in = server.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.WS);
            assertThat(in.flow().connected()).isTrue();
            assertThat(in.message().topVia().transport()).isEqualTo("WS");
            assertThat(in.message().topVia().received()).isEqualTo("127.0.0.1"); // §18.2.1: sent-by is a name

            // the response goes back over the same connection although sent-by cannot be resolved
            server.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            WsClient.Received r = browser.next();
            assertThat(r.text()).startsWith("SIP/2.0 200 ").contains("Call-ID: ws-reg-1");

            // a request to the browser over its flow (a registrar's connection-bound contact), Via WS
            SipRequest msg = TestMessages.message(5);
            Flow out = server.sendRequest(msg, Destination.over(in.flow()));
            assertThat(out.connectionId()).isEqualTo(in.flow().connectionId());
            String atBrowser = browser.next().text();
            assertThat(atBrowser).startsWith("MESSAGE sip:bob@example.com SIP/2.0")
                    .contains("Via: SIP/2.0/WS 127.0.0.1:" + server.address(Transport.WS).getPort())
                    .endsWith("xxxxx");

            // by the browser's source address alone the connection is found too
            server.sendRequest(TestMessages.options(), new Destination(Transport.WS, in.flow().remote()));
            assertThat(browser.next().text()).startsWith("OPTIONS ");
            assertThat(server.layer.stats().connectionsAccepted()).isEqualTo(1);
            assertThat(server.layer.stats().messagesIn(Transport.WS)).isEqualTo(1);
            assertThat(server.layer.stats().messagesOut(Transport.WS)).isEqualTo(3);
        }
    }

    @Test
    void secureWebSocketUsesTheTlsCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path cert = dir.resolve("cert.pem");
        java.nio.file.Path key = dir.resolve("key.pem");
        java.security.cert.X509Certificate x509 = io.callisto.transport.tls.SelfSignedCertificates.generate(cert, key,
                "localhost");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", x509);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WSS).tlsCertificate(cert, key).build());
                WsClient browser = new WsClient(server.address(Transport.WSS), ssl)) {
            browser.send(browserRequest("OPTIONS", "wss-1", "").replace("SIP/2.0/WS ", "SIP/2.0/WSS "));
            Peer.Inbound in = server.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.WSS);
            server.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(browser.next().text()).startsWith("SIP/2.0 200 ").contains("Via: SIP/2.0/WSS ");
            assertThat(server.layer.stats().messagesIn(Transport.WSS)).isEqualTo(1);
        }
    }

    @Test
    void aWssPointWithoutACertificateDoesNotStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> Peer.start(Peer.loopback("127.0.0.1", Transport.WSS).build()))
                .hasMessageContaining("certificate");
    }

    @Test
    void fragmentedTextAndBinaryMessagesAreOneSipMessageEach() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).build());
                WsClient browser = new WsClient(server.address(Transport.WS))) {
            String whole = browserRequest("MESSAGE", "ws-frag", "hello");
            browser.socket.sendText(whole.substring(0, 40), false).get(10, TimeUnit.SECONDS);
            browser.socket.sendText(whole.substring(40), true).get(10, TimeUnit.SECONDS);
            Peer.Inbound in = server.next();
            assertThat(in.message().callId()).isEqualTo("ws-frag");
            assertThat(new String(in.message().body(), StandardCharsets.UTF_8)).isEqualTo("hello");

            browser.socket.sendBinary(java.nio.ByteBuffer.wrap(
                    browserRequest("MESSAGE", "ws-bin", "bin").getBytes(StandardCharsets.UTF_8)), true)
                    .get(10, TimeUnit.SECONDS);
            assertThat(server.next().message().callId()).isEqualTo("ws-bin");

            // §4.2: a message that is not UTF-8 leaves in a binary frame
            SipRequest latin = TestMessages.request("MESSAGE", null);
            latin.setBody(io.callisto.sip.header.MediaType.parse("application/octet-stream"),
                    new byte[] {(byte) 0xff, (byte) 0xfe});
            server.sendRequest(latin, Destination.over(in.flow()));
            WsClient.Received r = browser.next();
            assertThat(r.text()).isNull();
            assertThat(new String(r.binary(), StandardCharsets.ISO_8859_1)).startsWith("MESSAGE ")
                    .endsWith("\u00ff\u00fe");
        }
    }

    @Test
    void aMalformedRequestIsAnsweredWith400OverTheWebSocket() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).build());
                WsClient browser = new WsClient(server.address(Transport.WS))) {
            browser.send(browserRequest("OPTIONS", "ws-bad", "").replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS"));
            assertThat(browser.next().text()).startsWith("SIP/2.0 400 ");
            assertThat(server.poll(200)).isNull();
        }
    }

    @Test
    void responsesAndRequestsToAClosedOrUnknownWebSocketFailClearly() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).build())) {
            Peer.Inbound in;
            try (WsClient browser = new WsClient(server.address(Transport.WS))) {
                browser.send(browserRequest("OPTIONS", "ws-gone", ""));
                in = server.next();
                browser.socket.sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
                browser.awaitClose();
            }
            awaitClosed(server);
            SendProbe p = new SendProbe();
            server.layer.sendResponse(Messages.responseTo(in.request(), 200), in.flow(), p);
            assertThat(p.failure()).hasMessageContaining("no open WS connection")
                    .hasMessageContaining("RFC 7118");

            SendProbe q = new SendProbe();
            SipRequest r = TestMessages.options();
            server.layer.send(r, server.layer.prepare(r, Destination.over(in.flow())), q);
            assertThat(q.failure()).hasMessageContaining("no open WS connection from " + in.flow().remote());
        }
    }

    @Test
    void anUpgradeWithoutSubprotocolSipIsRefusedWithA4xx() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).build())) {
            assertThat(upgrade(server, null)).startsWith("HTTP/1.1 400 ");
            assertThat(upgrade(server, "chat, superchat")).startsWith("HTTP/1.1 400 ");
            try (RawTcp raw = new RawTcp(server.address(Transport.WS))) {
                raw.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(raw.readUntil("\r\n\r\n")).startsWith("HTTP/1.1 426 ");
            }
            assertThat(upgrade(server, "foo,sip")).startsWith("HTTP/1.1 101 ").contains("sec-websocket-protocol: sip");
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anyMatch(l -> l.contains("refused WebSocket handshake") && l.contains("HTTP 400")
                    && l.contains("no Sec-WebSocket-Protocol"));
            assertThat(lines).anyMatch(l -> l.contains("subprotocol 'sip' not offered (Sec-WebSocket-Protocol: "
                    + "[chat, superchat])"));
            assertThat(server.layer.stats().connectionsRejected()).isEqualTo(3);
        }
    }

    @Test
    void aMessageLargerThanTheLimitClosesTheConnectionWithALogLine() throws Exception {
        try (Peer server = Peer.start(Peer.loopback("127.0.0.1", Transport.WS).maxMessageSize(1024).build());
                WsClient browser = new WsClient(server.address(Transport.WS))) {
            browser.send(browserRequest("MESSAGE", "ws-big", "x".repeat(2000)));
            assertThat(browser.awaitClose()).isIn(1009, -1); // 1009: message too big (RFC 6455 §7.4.1)
            assertThat(server.poll(200)).isNull();
            assertThat(server.layer.stats().oversizeDropped()).isEqualTo(1);
            assertThat(logs.list).anyMatch(e -> e.getFormattedMessage().contains("larger than the maximum of 1024"));
        }
    }

    /** Sends an upgrade request offering {@code protocols} (none when null); returns the response head. */
    private static String upgrade(Peer server, String protocols) throws Exception {
        try (RawTcp raw = new RawTcp(server.address(Transport.WS))) {
            raw.write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (protocols != null ? "Sec-WebSocket-Protocol: " + protocols + "\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return raw.readUntil("\r\n\r\n");
        }
    }

    private static void awaitClosed(Peer server) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Peer.WAIT_SECONDS);
        while (server.layer.stats().connectionsOpen() > 0 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(server.layer.stats().connectionsOpen()).isZero();
    }
}
