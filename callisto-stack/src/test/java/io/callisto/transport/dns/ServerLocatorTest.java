package io.callisto.transport.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3263 §4.1/§4.2 target selection over an in-memory zone, with a fixed SRV weight choice. */
class ServerLocatorTest {

    private final FakeDns dns = new FakeDns();
    private final long[] now = {0};
    private final ServerLocator locator = ServerLocator.over(dns, bound -> 0, () -> now[0]);

    private List<String> locate(String uri) {
        return locator.locate((SipUri) Uri.parse(uri)).join().stream().map(ServerLocatorTest::text).toList();
    }

    private static String text(Destination d) {
        return d.transport() + " " + d.address().getAddress().getHostAddress() + ":" + d.address().getPort();
    }

    @Test
    void naptrPicksTransportsInOrderAndSrvThePorts() throws Exception {
        dns.naptr("example.com", 90, 50, "SIP+D2T", "_sip._tcp.example.com")
                .naptr("example.com", 100, 50, "SIP+D2U", "_sip._udp.example.com")
                .naptr("example.com", 10, 50, "SIP+D2Q", "_sip._q.example.com") // not a transport: discarded
                .srv("_sip._tcp.example.com", 0, 1, 5070, "s1.example.com")
                .srv("_sip._udp.example.com", 0, 1, 5080, "s2.example.com")
                .a("s1.example.com", "192.0.2.1").a("s2.example.com", "192.0.2.2");
        assertThat(locate("sip:bob@example.com")).containsExactly("TCP 192.0.2.1:5070", "UDP 192.0.2.2:5080");
        assertThat(dns.asked).doesNotContain("SRV _sip._q.example.com");
    }

    @Test
    void sipsKeepsOnlySipsServices() throws Exception {
        dns.naptr("example.com", 50, 50, "SIP+D2U", "_sip._udp.example.com")
                .naptr("example.com", 90, 50, "SIPS+D2T", "_sips._tcp.example.com")
                .srv("_sip._udp.example.com", 0, 1, 5060, "s.example.com")
                .srv("_sips._tcp.example.com", 0, 1, 5061, "s.example.com")
                .a("s.example.com", "192.0.2.1");
        assertThat(locate("sips:bob@example.com")).containsExactly("TLS 192.0.2.1:5061");
    }

    @Test
    void withoutNaptrEachTransportsSrvIsAsked() throws Exception {
        dns.srv("_sip._tcp.example.com", 0, 1, 5070, "s.example.com").a("s.example.com", "192.0.2.1");
        assertThat(locate("sip:bob@example.com")).containsExactly("TCP 192.0.2.1:5070");
        assertThat(dns.asked).startsWith("NAPTR example.com")
                .contains("SRV _sip._udp.example.com", "SRV _sip._tcp.example.com", "SRV _sips._tcp.example.com");
    }

    @Test
    void withoutNaptrOrSrvTheAddressesAtTheDefaultPort() throws Exception {
        dns.a("example.com", "192.0.2.1", "2001:db8::1");
        assertThat(locate("sip:bob@example.com"))
                .containsExactly("UDP 192.0.2.1:5060", "UDP 2001:db8:0:0:0:0:0:1:5060");
        assertThat(locate("sips:bob@example.com"))
                .containsExactly("TLS 192.0.2.1:5061", "TLS 2001:db8:0:0:0:0:0:1:5061");
    }

    @Test
    void aTransportParameterAsksOnlyThatTransportsSrv() throws Exception {
        dns.naptr("example.com", 10, 50, "SIP+D2U", "_sip._udp.example.com")
                .srv("_sip._tcp.example.com", 0, 1, 5070, "s.example.com").a("s.example.com", "192.0.2.1");
        assertThat(locate("sip:bob@example.com;transport=tcp")).containsExactly("TCP 192.0.2.1:5070");
        assertThat(dns.asked).containsExactly("SRV _sip._tcp.example.com", "A s.example.com");
    }

    @Test
    void anExplicitPortSkipsNaptrAndSrv() throws Exception {
        dns.srv("_sip._udp.example.com", 0, 1, 5070, "s.example.com").a("example.com", "192.0.2.9");
        assertThat(locate("sip:bob@example.com:5099")).containsExactly("UDP 192.0.2.9:5099");
        assertThat(dns.asked).containsExactly("A example.com");
    }

    @Test
    void numericHostsAndMaddrNeedNoDns() {
        assertThat(locate("sip:bob@192.0.2.5")).containsExactly("UDP 192.0.2.5:5060");
        assertThat(locate("sips:bob@192.0.2.5")).containsExactly("TLS 192.0.2.5:5061");
        assertThat(locate("sip:bob@example.com;maddr=192.0.2.6;transport=tcp")).containsExactly("TCP 192.0.2.6:5060");
        assertThat(locate("sip:bob@[2001:db8::7]:5070")).containsExactly("UDP 2001:db8:0:0:0:0:0:7:5070");
        assertThat(dns.asked).isEmpty();
    }

    @Test
    void aTargetThatAnswered503WithRetryAfterIsSkippedWhileItRuns() throws Exception {
        dns.srv("_sip._udp.example.com", 10, 0, 5060, "a.example.com")
                .srv("_sip._udp.example.com", 20, 0, 5060, "b.example.com")
                .a("a.example.com", "192.0.2.1").a("b.example.com", "192.0.2.2");
        List<Destination> first = locator.locate((SipUri) Uri.parse("sip:example.com;transport=udp")).join();
        locator.markUnavailable(first.get(0), 30);
        assertThat(locate("sip:example.com;transport=udp")).containsExactly("UDP 192.0.2.2:5060");
        now[0] += 30_000;
        assertThat(locate("sip:example.com;transport=udp")).containsExactly("UDP 192.0.2.1:5060", "UDP 192.0.2.2:5060");
    }

    @Test
    void aSentByNameWithoutPortUsesSrvOfItsTransport() throws Exception {
        dns.srv("_sip._tcp.proxy.example.com", 0, 1, 5070, "s.example.com").a("s.example.com", "192.0.2.1")
                .a("proxy.example.com", "192.0.2.8");
        assertThat(locator.locateSentBy(io.callisto.transport.Transport.TCP, "proxy.example.com", 0).join())
                .map(ServerLocatorTest::text).containsExactly("TCP 192.0.2.1:5070");
        assertThat(locator.locateSentBy(io.callisto.transport.Transport.TCP, "proxy.example.com", 5090).join())
                .map(ServerLocatorTest::text).containsExactly("TCP 192.0.2.8:5090");
    }

    @Test
    void nothingFoundIsAnEmptyList() {
        assertThat(locate("sip:bob@nowhere.example")).isEmpty();
    }
}
