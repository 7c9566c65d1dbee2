package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPreparerTest {

    private static final ListeningPoint UDP4 =
            new ListeningPoint(Transport.UDP, new InetSocketAddress("127.0.0.1", 5070), null);
    private static final ListeningPoint TCP4 =
            new ListeningPoint(Transport.TCP, new InetSocketAddress("127.0.0.1", 5070), "sip.example.com");
    private static final ListeningPoint UDP6 = new ListeningPoint(Transport.UDP, new InetSocketAddress("::1", 5072), null);
    private static final InetSocketAddress V4 = new InetSocketAddress("192.0.2.9", 5060);
    private static final InetSocketAddress V6 = new InetSocketAddress("2001:db8::9", 5060);

    private static SipRequest request(int bodySize) {
        String body = "b".repeat(bodySize);
        return (SipRequest) SipParser.parse("MESSAGE sip:b@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP placeholder;branch=z9hG4bKkeep;x=1\r\nMax-Forwards: 70\r\nCall-ID: c\r\n"
                + "CSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: " + bodySize + "\r\n\r\n" + body);
    }

    @Test
    void udpViaGetsTheListeningPointAndRport() {
        SipRequest r = request(10);
        Destination d = RequestPreparer.prepare(r, new Destination(Transport.UDP, V4),
                new LocalPoints(List.of(UDP4, TCP4)), id -> false);
        assertThat(d.transport()).isEqualTo(Transport.UDP);
        assertThat(r.topVia().toString()).isEqualTo("SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKkeep;x=1;rport");
    }

    @Test
    void aLargeUdpRequestMovesToTcpWhenThereIsATcpPoint() {
        SipRequest r = request(1400);
        Destination d = RequestPreparer.prepare(r, new Destination(Transport.UDP, V4),
                new LocalPoints(List.of(UDP4, TCP4)), id -> false);
        assertThat(d).isEqualTo(new Destination(Transport.TCP, V4));
        Via v = r.topVia();
        assertThat(v.transport()).isEqualTo("TCP");
        assertThat(v.sentBy()).isEqualTo("sip.example.com:5070");
        assertThat(v.branch()).isEqualTo("z9hG4bKkeep");
    }

    @Test
    void aLargeUdpRequestStaysOnUdpWithoutTcp() {
        SipRequest r = request(1400);
        Destination d = RequestPreparer.prepare(r, new Destination(Transport.UDP, V4), new LocalPoints(List.of(UDP4)),
                id -> false);
        assertThat(d.transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void justUnderTheLimitStaysOnUdp() {
        SipRequest probe = request(0);
        RequestPreparer.prepare(probe, new Destination(Transport.UDP, V4), new LocalPoints(List.of(UDP4, TCP4)),
                id -> false);
        int overhead = probe.toBytes().length; // the body's digits change the size by a few bytes
        SipRequest r = request(RequestPreparer.UDP_LIMIT - overhead - 3);
        Destination d = RequestPreparer.prepare(r, new Destination(Transport.UDP, V4),
                new LocalPoints(List.of(UDP4, TCP4)), id -> false);
        assertThat(r.toBytes().length).isLessThanOrEqualTo(RequestPreparer.UDP_LIMIT);
        assertThat(d.transport()).isEqualTo(Transport.UDP);
    }

    @Test
    void theAddressFamilyChoosesThePoint() {
        SipRequest r = request(10);
        RequestPreparer.prepare(r, new Destination(Transport.UDP, V6), new LocalPoints(List.of(UDP4, UDP6)),
                id -> false);
        assertThat(r.topVia().host()).isEqualTo("[::1]");
        assertThat(r.topVia().port()).isEqualTo(5072);
    }

    @Test
    void anOpenFlowKeepsItsTransportAndPoint() {
        SipRequest r = request(1400);
        Flow f = new Flow(Transport.TCP, new InetSocketAddress("127.0.0.1", 40000), V4, 7);
        Destination over = Destination.over(f);
        Destination d = RequestPreparer.prepare(r, over, new LocalPoints(List.of(UDP4, TCP4)), id -> id == 7);
        assertThat(d).isSameAs(over);
        assertThat(r.topVia().transport()).isEqualTo("TCP");
        assertThat(r.topVia().sentBy()).isEqualTo("sip.example.com:5070");
    }

    @Test
    void aClosedFlowFallsBackToTheAddress() {
        SipRequest r = request(10);
        Flow f = new Flow(Transport.TCP, new InetSocketAddress("127.0.0.1", 40000), V4, 7);
        Destination d = RequestPreparer.prepare(r, Destination.over(f), new LocalPoints(List.of(UDP4, TCP4)),
                id -> false);
        assertThat(d).isEqualTo(new Destination(Transport.TCP, V4));
    }

    @Test
    void aRequestWithoutViaGetsOne() {
        SipRequest r = (SipRequest) SipParser.parse("OPTIONS sip:b@example.com SIP/2.0\r\nCall-ID: c\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        RequestPreparer.prepare(r, new Destination(Transport.UDP, V4), new LocalPoints(List.of(UDP4)), id -> false);
        assertThat(r.topVia().hasMagicCookie()).isTrue();
        assertThat(r.topVia().branch().length()).isGreaterThan(Via.MAGIC_COOKIE.length() + 8);
        assertThat(r.topVia().sentBy()).isEqualTo("127.0.0.1:5070");
    }

    @Test
    void aBrokenTopViaIsTheCallersBug() {
        SipRequest r = (SipRequest) SipParser.parse("OPTIONS sip:b@example.com SIP/2.0\r\nVia: garbage\r\n"
                + "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
        assertThatThrownBy(() -> RequestPreparer.prepare(r, new Destination(Transport.UDP, V4),
                new LocalPoints(List.of(UDP4)), id -> false)).isInstanceOf(IllegalArgumentException.class);
    }
}
