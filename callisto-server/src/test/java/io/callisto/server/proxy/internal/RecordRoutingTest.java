package io.callisto.server.proxy.internal;

import static io.callisto.server.proxy.internal.FakeTransport.point;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Record-Route values (RFC 3261 §16.6 step 4; double record-routing as in RFC 5658). */
class RecordRoutingTest {

    private static final ListeningPoint UDP = point(Transport.UDP, "192.0.2.1", 5060, null);
    private static final ListeningPoint TCP = point(Transport.TCP, "192.0.2.1", 5060, null);
    private static final ListeningPoint UDP_INSIDE = point(Transport.UDP, "10.0.0.1", 5060, null);
    private final LocalAddresses local = new LocalAddresses(new FakeTransport(UDP, TCP, UDP_INSIDE),
            ProxyConfig.builder().domain("example.com").build());
    private final Flow fromAlice = new Flow(Transport.UDP, UDP.address(), new InetSocketAddress("192.0.2.50", 5060),
            0);

    static SipRequest request(String method, String to, String contact) {
        String text = method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.50:5060;branch=z9hG4bKa\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\nTo: " + to + "\r\nCall-ID: c\r\nCSeq: 1 " + method + "\r\n"
                + "Contact: " + contact + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.DEFAULT.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SipRequest invite() {
        return request("INVITE", "<sip:bob@example.com>", "<sip:alice@192.0.2.50:5060>");
    }

    @Test
    void sameTransportAndInterfaceGetsOneValue() {
        SipRequest msg = invite();
        RecordRouting.of(msg, fromAlice, ProxyConfig.defaults(), local)
                .insert(msg, new Destination(Transport.UDP, new InetSocketAddress("192.0.2.60", 5060)), null, local);
        assertThat(msg.recordRoutes()).extracting(NameAddress::uriText).containsExactly("sip:192.0.2.1:5060;lr");
    }

    @Test
    void anotherTransportGetsTwoValuesTheOutgoingOneOnTop() {
        SipRequest msg = invite();
        RecordRouting.of(msg, fromAlice, ProxyConfig.defaults(), local)
                .insert(msg, new Destination(Transport.TCP, new InetSocketAddress("192.0.2.60", 5060)), null, local);
        assertThat(msg.recordRoutes()).extracting(NameAddress::uriText)
                .containsExactly("sip:192.0.2.1:5060;transport=tcp;lr", "sip:192.0.2.1:5060;lr");
    }

    @Test
    void anotherInterfaceGetsTwoValues() {
        SipRequest msg = invite();
        Flow toInside = new Flow(Transport.UDP, UDP_INSIDE.address(), new InetSocketAddress("10.0.0.9", 5060), 0);
        RecordRouting.of(msg, fromAlice, ProxyConfig.defaults(), local)
                .insert(msg, Destination.over(toInside), null, local);
        assertThat(msg.recordRoutes()).extracting(NameAddress::uriText)
                .containsExactly("sip:10.0.0.1:5060;lr", "sip:192.0.2.1:5060;lr");
    }

    @Test
    void aCallerOverAConnectionIsNamedInItsValue() {
        SipRequest msg = invite();
        Flow tcp = new Flow(Transport.TCP, TCP.address(), new InetSocketAddress("192.0.2.50", 40000), 9);
        RecordRouting.of(msg, tcp, ProxyConfig.defaults(), local)
                .insert(msg, new Destination(Transport.UDP, new InetSocketAddress("192.0.2.60", 5060)), null, local);
        assertThat(msg.recordRoutes()).hasSize(2);
        SipUri callerSide = (SipUri) msg.recordRoutes().get(1).uri();
        assertThat(callerSide.transport()).isEqualTo("tcp");
        assertThat(RouteTokens.decode(callerSide.userRaw())).isEqualTo(tcp);
        assertThat(((SipUri) msg.recordRoutes().get(0).uri()).userRaw()).isNull();
    }

    @Test
    void aCallerWhoseContactIsNotItsSourceIsNamedToo() {
        SipRequest msg = request("INVITE", "<sip:bob@example.com>", "<sip:alice@10.9.9.9:5060>");
        RecordRouting.of(msg, fromAlice, ProxyConfig.defaults(), local)
                .insert(msg, new Destination(Transport.UDP, new InetSocketAddress("192.0.2.60", 5060)), null, local);
        SipUri rr = (SipUri) msg.recordRoutes().get(0).uri();
        Flow named = RouteTokens.decode(rr.userRaw());
        assertThat(named.remote()).isEqualTo(fromAlice.remote());
    }

    @Test
    void sipsRequestUriGetsSipsValues() {
        SipRequest msg = invite();
        msg.setRequestUri(SipUri.parse("sips:bob@example.com"));
        RecordRouting.of(msg, fromAlice, ProxyConfig.defaults(), local)
                .insert(msg, new Destination(Transport.UDP, new InetSocketAddress("192.0.2.60", 5060)), null, local);
        assertThat(msg.recordRoutes().get(0).uriText()).startsWith("sips:");
    }

    @Test
    void onlyDialogFormingRequestsOutsideADialog() {
        assertThat(RecordRouting.of(request("MESSAGE", "<sip:bob@example.com>", "<sip:a@192.0.2.50>"), fromAlice,
                ProxyConfig.defaults(), local)).isNull();
        assertThat(RecordRouting.of(request("INVITE", "<sip:bob@example.com>;tag=x", "<sip:a@192.0.2.50>"),
                fromAlice, ProxyConfig.defaults(), local)).isNull();
        assertThat(RecordRouting.of(request("SUBSCRIBE", "<sip:bob@example.com>", "<sip:a@192.0.2.50>"),
                fromAlice, ProxyConfig.defaults(), local)).isNotNull();
        assertThat(RecordRouting.of(invite(), fromAlice, ProxyConfig.builder().recordRoute(false).build(), local))
                .isNull();
    }
}
