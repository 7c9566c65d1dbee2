package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.transport.tls.SelfSignedCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS between transport layers with a certificate made by {@link SelfSignedCertificates}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsTransportTest {

    @TempDir
    static Path dir;
    static Path cert;
    static Path key;

    @BeforeAll
    static void certificate() throws IOException {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
        SelfSignedCertificates.generate(cert, key, "localhost");
    }

    private static TransportConfig.Builder tls(String host) {
        return Peer.loopback(host, Transport.TLS).tlsCertificate(cert, key).tlsTrustedCa(cert);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void requestAndResponseOverVerifiedTls(String host) throws Exception {
        try (Peer a = Peer.start(tls(host).build()); Peer b = Peer.start(tls(host).build())) {
            SipRequest req = TestMessages.options();
            Flow sent = a.sendRequest(req, new Destination(Transport.TLS, b.address(Transport.TLS)));
            assertThat(sent.transport()).isEqualTo(Transport.TLS);
            assertThat(sent.connected()).isTrue();

            Peer.Inbound in = b.next();
            assertThat(in.flow().transport()).isEqualTo(Transport.TLS);
            assertThat(in.message().topVia().transport()).isEqualTo("TLS");
            assertThat(in.message().topVia().port()).isEqualTo(a.address(Transport.TLS).getPort());
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());

            Peer.Inbound resp = a.next();
            assertThat(resp.response().status()).isEqualTo(200);
            assertThat(resp.flow().connectionId()).isEqualTo(sent.connectionId());
            assertThat(a.layer.stats().tlsOut()).isEqualTo(1);
            assertThat(a.layer.stats().tlsIn()).isEqualTo(1);
        }
    }

    @Test
    void udpTcpAndTlsOnOneStackInBothFamilies() throws Exception {
        TransportConfig.Builder cfg = Peer.loopback("127.0.0.1", Transport.UDP, Transport.TCP, Transport.TLS)
                .tlsCertificate(cert, key).tlsTrustedCa(cert);
        for (Transport t : new Transport[] {Transport.UDP, Transport.TCP, Transport.TLS}) {
            cfg.listen(t, new java.net.InetSocketAddress("::1", 0));
        }
        try (Peer a = Peer.start(cfg.build()); Peer b = Peer.start(cfg.build())) {
            assertThat(a.layer.listeningPoints()).hasSize(6);
            for (ListeningPoint target : b.layer.listeningPoints()) {
                SipRequest req = TestMessages.options();
                Flow sent = a.sendRequest(req, new Destination(target.transport(), target.address()));
                assertThat(sent.transport()).isEqualTo(target.transport());
                // sent from (and Via naming) A's point of the same transport and family
                ListeningPoint from = a.layer.listeningPoints().stream()
                        .filter(lp -> lp.transport() == target.transport() && lp.address().getAddress().getClass()
                                == target.address().getAddress().getClass()).findFirst().orElseThrow();
                Peer.Inbound in = b.next();
                assertThat(in.flow().transport()).isEqualTo(target.transport());
                assertThat(in.flow().local()).isEqualTo(target.address());
                assertThat(in.message().topVia().host()).isEqualTo(from.host());
                assertThat(in.message().topVia().port()).isEqualTo(from.port());
                b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
                Peer.Inbound resp = a.next();
                assertThat(resp.response().status()).isEqualTo(200);
                assertThat(resp.message().callId()).isEqualTo(req.callId());
            }
            assertThat(a.layer.stats().udpOut()).isEqualTo(2);
            assertThat(a.layer.stats().tcpOut()).isEqualTo(2);
            assertThat(a.layer.stats().tlsOut()).isEqualTo(2);
        }
    }

    @Test
    void trustAllAcceptsTheSelfSignedServer() throws Exception {
        TransportConfig client = Peer.loopback("127.0.0.1", Transport.TCP).tlsTrustAll(true).build();
        try (Peer a = Peer.start(client); Peer b = Peer.start(tls("127.0.0.1").build())) {
            a.sendRequest(TestMessages.options(), new Destination(Transport.TLS, b.address(Transport.TLS)));
            Peer.Inbound in = b.next();
            // no TLS point on A: its sent-by is a point it has (TCP), which it recognises in the response
            assertThat(in.message().topVia().transport()).isEqualTo("TLS");
            assertThat(in.message().topVia().port()).isEqualTo(a.address(Transport.TCP).getPort());
            b.respondAndWait(Messages.responseTo(in.request(), 200), in.flow());
            assertThat(a.next().response().status()).isEqualTo(200);
        }
    }

    @Test
    void anUntrustedServerCertificateFailsTheSend() throws Exception {
        TransportConfig client = Peer.loopback("127.0.0.1", Transport.TCP).build(); // JVM default trust store
        try (Peer a = Peer.start(client); Peer b = Peer.start(tls("127.0.0.1").build())) {
            SendProbe probe = new SendProbe();
            SipRequest r = TestMessages.options();
            a.layer.send(r, a.layer.prepare(r, new Destination(Transport.TLS, b.address(Transport.TLS))), probe);
            assertThat(probe.failure()).isInstanceOf(SSLException.class);
            assertThat(b.poll(0)).isNull();
            TcpTransportTest.awaitValue(() -> a.layer.stats().connectionsOpen(), 0);
        }
    }

    @Test
    void aTlsPointWithoutCertificateFailsToStart() {
        TransportConfig cfg = Peer.loopback("127.0.0.1", Transport.TLS).build();
        NettyTransportLayer layer = new NettyTransportLayer(cfg);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(layer::start).isInstanceOf(IOException.class)
                    .hasMessageContaining("certificate");
        } finally {
            layer.close();
        }
    }
}
