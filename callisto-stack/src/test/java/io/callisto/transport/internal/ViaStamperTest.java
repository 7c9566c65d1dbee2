package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ViaStamperTest {

    private static SipRequest request(String via) {
        return (SipRequest) SipParser.parse("OPTIONS sip:b@example.com SIP/2.0\r\nVia: " + via
                + "\r\nVia: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void aDomainNameSentByGetsReceived() {
        SipRequest r = request("SIP/2.0/UDP pc.example.com:5060;branch=z9hG4bK1");
        assertThat(ViaStamper.stamp(r, new InetSocketAddress("192.0.2.4", 5060))).isTrue();
        assertThat(r.topVia().toString()).isEqualTo("SIP/2.0/UDP pc.example.com:5060;branch=z9hG4bK1;received=192.0.2.4");
        assertThat(r.vias()).hasSize(2);
        assertThat(r.vias().get(1).host()).isEqualTo("proxy.example.com"); // other values untouched
    }

    @Test
    void onlyTheFirstValueOfAListLineIsRewritten() {
        SipRequest r = (SipRequest) SipParser.parse("OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: c\r\n"
                + "Via: SIP/2.0/UDP pc.example.com;rport;branch=z9hG4bK1, SIP/2.0/TCP p2.example.com;branch=z9hG4bK2\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        ViaStamper.stamp(r, new InetSocketAddress("192.0.2.4", 3000));
        assertThat(r.vias()).extracting(Object::toString).containsExactly(
                "SIP/2.0/UDP pc.example.com;rport=3000;branch=z9hG4bK1;received=192.0.2.4",
                "SIP/2.0/TCP p2.example.com;branch=z9hG4bK2");
        assertThat(r.toString()).contains("\r\nVia: SIP/2.0/TCP p2.example.com;branch=z9hG4bK2\r\n");
    }

    @Test
    void theSourceAddressAsSentByIsLeftAlone() {
        SipRequest r = request("SIP/2.0/UDP 192.0.2.4:5070;branch=z9hG4bK1");
        byte[] before = r.toBytes();
        assertThat(ViaStamper.stamp(r, new InetSocketAddress("192.0.2.4", 40000))).isFalse();
        assertThat(r.toBytes()).isEqualTo(before);
    }

    @Test
    void anotherIpGetsReceived() {
        SipRequest r = request("SIP/2.0/TCP 10.0.0.1:5060;branch=z9hG4bK1");
        ViaStamper.stamp(r, new InetSocketAddress("203.0.113.9", 1234));
        assertThat(r.topVia().received()).isEqualTo("203.0.113.9");
        assertThat(r.topVia().hasRport()).isFalse();
    }

    @Test
    void anEmptyRportIsFilledAndReceivedAddedEvenForTheSameAddress() {
        SipRequest r = request("SIP/2.0/UDP 192.0.2.4:5060;rport;branch=z9hG4bK1");
        ViaStamper.stamp(r, new InetSocketAddress("192.0.2.4", 61000));
        assertThat(r.topVia().rport()).isEqualTo(61000);
        assertThat(r.topVia().received()).isEqualTo("192.0.2.4");
        assertThat(r.topVia().branch()).isEqualTo("z9hG4bK1");
    }

    @Test
    void anRportWithAValueIsKept() {
        SipRequest r = request("SIP/2.0/UDP 192.0.2.4:5060;rport=7000;branch=z9hG4bK1");
        assertThat(ViaStamper.stamp(r, new InetSocketAddress("192.0.2.4", 61000))).isFalse();
        assertThat(r.topVia().rport()).isEqualTo(7000);
    }

    @Test
    void ipv6LiteralsCompareByAddress() {
        SipRequest same = request("SIP/2.0/UDP [0:0:0:0:0:0:0:1]:5060;branch=z9hG4bK1");
        assertThat(ViaStamper.stamp(same, new InetSocketAddress("::1", 5060))).isFalse();
        SipRequest other = request("SIP/2.0/UDP [2001:db8::1]:5060;rport;branch=z9hG4bK1");
        ViaStamper.stamp(other, new InetSocketAddress("::1", 5062));
        assertThat(other.topVia().rport()).isEqualTo(5062);
        assertThat(IpLiterals.parse(other.topVia().received())).isEqualTo(IpLiterals.parse("::1"));
    }
}
