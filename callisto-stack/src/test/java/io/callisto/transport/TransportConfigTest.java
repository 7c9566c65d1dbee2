package io.callisto.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParserLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void defaults() {
        TransportConfig c = TransportConfig.builder().listen(Transport.UDP, ANY).build();
        assertThat(c.maxMessageSize()).isEqualTo(65_535);
        assertThat(c.maxConnections()).isEqualTo(10_000);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(c.keepAliveInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.udpLossRate()).isZero();
        assertThat(c.ioThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.nativeTransport()).isTrue();
        assertThat(c.tls().hasCertificate()).isFalse();
        assertThat(c.parserLimits()).isEqualTo(ParserLimits.DEFAULT);
        assertThat(c.listeningPoints()).containsExactly(new ListeningPoint(Transport.UDP, ANY, null));
    }

    @Test
    void maxMessageSizeDrivesTheParserLimit() {
        TransportConfig c = TransportConfig.builder().listen(Transport.TCP, ANY).maxMessageSize(4096)
                .parserLimits(ParserLimits.DEFAULT.withMaxHeaders(50)).build();
        assertThat(c.parserLimits().maxMessageSize()).isEqualTo(4096);
        assertThat(c.parserLimits().maxHeaders()).isEqualTo(50);
    }

    @Test
    void tlsShorthandsCombine() {
        TransportConfig c = TransportConfig.builder().listen(Transport.TLS, ANY)
                .tlsCertificate(Path.of("c.pem"), Path.of("k.pem")).tlsTrustedCa(Path.of("ca.pem")).tlsTrustAll(true)
                .build();
        assertThat(c.tls().certificate()).isEqualTo(Path.of("c.pem"));
        assertThat(c.tls().privateKey()).isEqualTo(Path.of("k.pem"));
        assertThat(c.tls().trustedCa()).isEqualTo(Path.of("ca.pem"));
        assertThat(c.tls().trustAll()).isTrue();
    }

    @Test
    void rejectsNonsense() {
        TransportConfig.Builder b = TransportConfig.builder();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.listen(Transport.UDP, InetSocketAddress.createUnresolved("h", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxMessageSize(10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.udpLossRate(1.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.udpLossRate(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.tlsCertificate(Path.of("c.pem"), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layerReportsConfiguredPointsBeforeStartAndBoundOnesAfter() throws Exception {
        TransportConfig c = TransportConfig.builder().ioThreads(1).listen(Transport.UDP, ANY)
                .listen(Transport.TCP, ANY, "sip.example.com").build();
        try (NettyTransportLayer layer = new NettyTransportLayer(c)) {
            assertThat(layer.listeningPoints()).extracting(ListeningPoint::port).containsExactly(0, 0);
            layer.setHandler((m, f) -> { });
            layer.start();
            assertThat(layer.listeningPoints()).extracting(ListeningPoint::transport)
                    .containsExactly(Transport.UDP, Transport.TCP);
            assertThat(layer.listeningPoints()).allSatisfy(lp -> assertThat(lp.port()).isPositive());
            assertThat(layer.listeningPoints().get(1).host()).isEqualTo("sip.example.com");
            assertThatThrownBy(layer::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sendingBeforeStartOrAfterCloseFailsThroughTheListener() throws Exception {
        TransportConfig c = TransportConfig.builder().ioThreads(1).listen(Transport.UDP, ANY).build();
        NettyTransportLayer layer = new NettyTransportLayer(c);
        SendProbe before = new SendProbe();
        layer.send(TestMessages.options(), new Destination(Transport.UDP, new InetSocketAddress("127.0.0.1", 9)), before);
        assertThat(before.failure()).isInstanceOf(IllegalStateException.class);
        layer.close();
        SendProbe after = new SendProbe();
        layer.send(TestMessages.options(), new Destination(Transport.UDP, new InetSocketAddress("127.0.0.1", 9)), after);
        assertThat(after.failure()).isInstanceOf(IllegalStateException.class);
        layer.close(); // idempotent
    }
}
