package io.callisto.server.proxy.internal;

import static io.callisto.server.proxy.internal.FakeTransport.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.sip.header.Via;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Transport;
import org.junit.jupiter.api.Test;

/** What "this proxy" means in URIs (RFC 3261 §16.4) and Via headers. */
class LocalAddressesTest {

    private final LocalAddresses local = new LocalAddresses(new FakeTransport(
            point(Transport.UDP, "192.0.2.1", 5060, null), point(Transport.TLS, "192.0.2.1", 5061, "sip.example.com"),
            point(Transport.UDP, "::1", 5070, null)),
            ProxyConfig.builder().domain("Example.COM").alias("proxy.example.net").alias("[2001:db8::1]").build());

    @Test
    void listeningAddressesWithTheirPorts() {
        assertThat(local.isOurs(SipUri.parse("sip:192.0.2.1;lr"))).isTrue(); // default port 5060
        assertThat(local.isOurs(SipUri.parse("sip:192.0.2.1:5060;lr"))).isTrue();
        assertThat(local.isOurs(SipUri.parse("sip:192.0.2.1:5080"))).isFalse(); // a UA on the same host
        assertThat(local.isOurs(SipUri.parse("sips:sip.example.com;lr"))).isTrue(); // advertised, 5061
        assertThat(local.isOurs(SipUri.parse("sip:[0:0:0:0:0:0:0:1]:5070"))).isTrue(); // IPv6 in any spelling
        assertThat(local.isOurs(SipUri.parse("sip:192.0.2.2"))).isFalse();
    }

    @Test
    void domainsAndAliasesWithoutPortOrWithOneOfOurs() {
        assertThat(local.isOurs(SipUri.parse("sip:bob@example.com"))).isTrue();
        assertThat(local.isOurs(SipUri.parse("sip:bob@EXAMPLE.com:5061"))).isTrue();
        assertThat(local.isOurs(SipUri.parse("sip:bob@example.com:5999"))).isFalse();
        assertThat(local.isOurs(SipUri.parse("sip:proxy.example.net;lr"))).isTrue();
        assertThat(local.isOurs(SipUri.parse("sip:bob@other.net"))).isFalse();
        assertThat(local.isOurs(SipUri.parse("sip:bob@[2001:DB8:0::1]"))).isTrue();
    }

    @Test
    void sentBy() {
        assertThat(local.isOurSentBy(Via.of("UDP", "192.0.2.1", -1, "z9hG4bKx"))).isTrue();
        assertThat(local.isOurSentBy(Via.of("TLS", "sip.example.com", -1, "z9hG4bKx"))).isTrue();
        assertThat(local.isOurSentBy(Via.of("UDP", "192.0.2.1", 5080, "z9hG4bKx"))).isFalse();
    }
}
