package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.transport.Transport;
import org.junit.jupiter.api.Test;

class ResponseTargetTest {

    private static ResponseTarget of(String via) {
        Via v = Headers.VIA.parse(via).get(0);
        return ResponseTarget.of(v);
    }

    @Test
    void reliableGoesToReceivedAndTheSentByPort() {
        assertThat(of("SIP/2.0/TCP pc.example.com:5070;branch=z9hG4bK1;received=192.0.2.4;rport=9999"))
                .isEqualTo(new ResponseTarget(Transport.TCP, "192.0.2.4", 5070));
        assertThat(of("SIP/2.0/TLS pc.example.com;branch=z9hG4bK1"))
                .isEqualTo(new ResponseTarget(Transport.TLS, "pc.example.com", 5061));
    }

    @Test
    void maddrWinsOnUnreliableTransports() {
        assertThat(of("SIP/2.0/UDP pc.example.com;maddr=239.255.255.1;received=192.0.2.4;rport=9999"))
                .isEqualTo(new ResponseTarget(Transport.UDP, "239.255.255.1", 5060));
    }

    @Test
    void receivedWithRportGoesToTheSourcePort() {
        assertThat(of("SIP/2.0/UDP pc.example.com:5070;received=192.0.2.4;rport=9999"))
                .isEqualTo(new ResponseTarget(Transport.UDP, "192.0.2.4", 9999));
    }

    @Test
    void receivedAloneUsesTheSentByPortOr5060() {
        assertThat(of("SIP/2.0/UDP pc.example.com:5070;received=192.0.2.4"))
                .isEqualTo(new ResponseTarget(Transport.UDP, "192.0.2.4", 5070));
        assertThat(of("SIP/2.0/UDP pc.example.com;received=192.0.2.4"))
                .isEqualTo(new ResponseTarget(Transport.UDP, "192.0.2.4", 5060));
    }

    @Test
    void otherwiseTheSentBy() {
        assertThat(of("SIP/2.0/UDP 192.0.2.7:5080;rport"))
                .isEqualTo(new ResponseTarget(Transport.UDP, "192.0.2.7", 5080));
    }

    @Test
    void anUnknownTransportHasNoTarget() {
        assertThat(of("SIP/2.0/FOO 192.0.2.7:5080")).isNull();
    }
}
