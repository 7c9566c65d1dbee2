package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPointsTest {

    private final ListeningPoint udp4 = new ListeningPoint(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070), null);
    private final ListeningPoint udp6 = new ListeningPoint(Transport.UDP, new InetSocketAddress("::1", 5072), null);
    private final ListeningPoint tls = new ListeningPoint(Transport.TLS, new InetSocketAddress("127.0.0.1", 5061),
            "sip.example.com");
    private final LocalPoints points = new LocalPoints(List.of(udp4, udp6, tls));

    @Test
    void picksByTransportAndFamily() {
        assertThat(points.pick(Transport.UDP, new InetSocketAddress("192.0.2.1", 5060))).isEqualTo(udp4);
        assertThat(points.pick(Transport.UDP, new InetSocketAddress("2001:db8::1", 5060))).isEqualTo(udp6);
        assertThat(points.pick(Transport.TCP, new InetSocketAddress("192.0.2.1", 5060))).isNull();
        assertThat(points.pick(Transport.TLS, new InetSocketAddress("2001:db8::1", 5061))).isNull();
        assertThat(points.pick(Transport.TLS, null)).isEqualTo(tls);
    }

    @Test
    void recognisesOurSentByValues() {
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1").get(0))).isTrue();
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/UDP [0:0:0:0:0:0:0:1]:5072").get(0))).isTrue();
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/TLS SIP.example.com").get(0))).isTrue(); // 5061
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/UDP 127.0.0.1:5071").get(0))).isFalse();
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/UDP 127.0.0.1").get(0))).isFalse(); // 5060
        assertThat(points.isOurSentBy(Headers.VIA.parse("SIP/2.0/TLS 127.0.0.1:5061").get(0))).isFalse(); // advertised
    }
}
