package io.callisto.server.proxy;

import io.callisto.server.location.BindingFlows;
import static io.callisto.server.proxy.ProxyHarness.ALICE;
import static io.callisto.server.proxy.ProxyHarness.NOW;
import static io.callisto.server.proxy.ProxyHarness.PROXY;
import static io.callisto.server.proxy.ProxyHarness.last;
import static io.callisto.server.proxy.ProxyHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route processing (RFC 3261 §16.4, §16.6 step 6, §12.2.1.1), static routes, Path and flows. */
class ProxyRoutingTest {

    private final ProxyHarness h = new ProxyHarness();

    @Test
    void looseRoutingPopsOurRouteAndFollowsTheNext() {
        h.alice.send(h.request("INVITE", "sip:carol@other.net", "loose-1", 1, ALICE,
                "Route: <sip:127.0.0.1:5060;lr>, <sip:127.0.0.1:5090;lr>"), PROXY);
        h.settle();
        SipRequest inv = last(h.next, "INVITE");
        assertThat(inv).as("sent to the next Route's address").isNotNull();
        assertThat(inv.requestUriText()).isEqualTo("sip:carol@other.net"); // not ours: unchanged (§16.5)
        assertThat(inv.routes()).extracting(NameAddress::uriText).containsExactly("sip:127.0.0.1:5090;lr");
    }

    @Test
    void aRequestFromAStrictRouterGetsItsRequestUriBack() {
        // §16.4: the request-URI is our Record-Route URI; the real target is the last Route value
        h.alice.send(h.request("BYE", "sip:127.0.0.1:5060;lr", "strict-1", 2, ALICE,
                "Route: <sip:bob@127.0.0.1:5080>"), PROXY);
        h.settle();
        SipRequest bye = last(h.bob1, "BYE");
        assertThat(bye).isNotNull();
        assertThat(bye.requestUriText()).isEqualTo("sip:bob@127.0.0.1:5080");
        assertThat(bye.routes()).isEmpty();
    }

    @Test
    void aStrictRouterNextHopGetsTheRequestAsItExpects() {
        // §16.6 step 6: first Route without lr: it becomes the request-URI, the old one the last Route value
        h.alice.send(h.request("BYE", "sip:carol@127.0.0.1:5099", "strict-2", 2, ALICE,
                "Route: <sip:127.0.0.1:5060;lr>, <sip:127.0.0.1:5090>"), PROXY);
        h.settle();
        SipRequest bye = last(h.next, "BYE");
        assertThat(bye).isNotNull();
        assertThat(bye.requestUriText()).isEqualTo("sip:127.0.0.1:5090");
        assertThat(bye.routes()).extracting(NameAddress::uriText).containsExactly("sip:carol@127.0.0.1:5099");
    }

    @Test
    void staticRouteSendsForeignDomainsToTheNextHop() {
        ProxyHarness p = new ProxyHarness(ProxyConfig.builder().domain("example.com")
                .staticRoute(new StaticRoute("other.net", null, SipUri.parse("sip:127.0.0.1:5090"))).build());
        p.alice.send(p.request("INVITE", "sip:carol@other.net", "static-1", 1, ALICE), PROXY);
        p.settle();
        SipRequest inv = last(p.next, "INVITE");
        assertThat(inv).isNotNull();
        assertThat(inv.requestUriText()).isEqualTo("sip:carol@other.net");
        assertThat(inv.routes()).isEmpty();
    }

    @Test
    void telUriWithAPrefixRouteGoesToTheGateway() {
        ProxyHarness p = new ProxyHarness(ProxyConfig.builder().domain("example.com")
                .staticRoute(new StaticRoute(null, "+49", SipUri.parse("sip:127.0.0.1:5090"))).build());
        p.alice.send(p.request("INVITE", "tel:+49-30-123456", "tel-1", 1, ALICE), PROXY);
        p.alice.send(p.request("INVITE", "tel:+33123456", "tel-2", 1, ALICE), PROXY);
        p.settle();
        assertThat(last(p.next, "INVITE").requestUriText()).isEqualTo("tel:+49-30-123456");
        assertThat(statuses(p.alice, "INVITE")).containsExactly(416);
    }

    @Test
    void userPrefixRouteCatchesNumbersInOurDomainWithoutBinding() {
        ProxyHarness p = new ProxyHarness(ProxyConfig.builder().domain("example.com")
                .staticRoute(new StaticRoute(null, "00", SipUri.parse("sip:127.0.0.1:5090"))).build());
        p.alice.send(p.request("INVITE", "sip:0049301234@example.com", "pfx-1", 1, ALICE), PROXY);
        p.settle();
        assertThat(last(p.next, "INVITE").requestUriText()).isEqualTo("sip:0049301234@example.com");
    }

    @Test
    void pathOfTheBindingBecomesRoute() {
        h.bind(new Binding("sip:bob@example.com", "sip:bob@10.0.0.7:5060", -1, NOW + 3_600_000, "r1", 1, null, 0,
                List.of("<sip:127.0.0.1:5090;lr>"), "udp:127.0.0.1:5090", null, "node-1", null, NOW));
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "path-1", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv = last(h.next, "INVITE");
        assertThat(inv).as("RFC 3327 §5.4: through the edge proxy of the Path").isNotNull();
        assertThat(inv.requestUriText()).isEqualTo("sip:bob@10.0.0.7:5060");
        assertThat(inv.routes()).extracting(NameAddress::uriText).containsExactly("sip:127.0.0.1:5090;lr");
    }

    @Test
    void aContactBehindNatIsReachedAtItsSourceAndSoAreLaterRequestsOfTheDialog() {
        h.bind(new Binding("sip:bob@example.com", "sip:bob@192.168.1.20:5060", -1, NOW + 3_600_000, "r1", 1, null, 0,
                List.of(), "udp:127.0.0.1:5080", null, "node-1", null, NOW));
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "nat-1", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv = last(h.bob1, "INVITE");
        assertThat(inv).as("sent to the address the REGISTER came from").isNotNull();
        assertThat(inv.requestUriText()).isEqualTo("sip:bob@192.168.1.20:5060");
        String rr = inv.recordRoutes().get(0).uriText();
        assertThat(rr).matches("sip:[A-Za-z0-9_-]+@127\\.0\\.0\\.1:5060;lr"); // a flow token names bob's side

        SipResponse ok = h.respond(h.bob1, inv, 200, "bobtag");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(200);
        // alice's BYE goes to bob's private Contact through the Route: the token sends it to the NAT address
        h.alice.send(h.request("BYE", "sip:bob@192.168.1.20:5060", "nat-1", 2, ALICE, "Route: <" + rr + ">")
                .replace("To: <sip:bob@example.com>", "To: <sip:bob@example.com>;tag=bobtag"), PROXY);
        h.settle();
        SipRequest bye = last(h.bob1, "BYE");
        assertThat(bye).isNotNull();
        assertThat(bye.routes()).isEmpty();
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void aBindingWithAFlowOnThisNodeIsReachedOverIt() {
        Flow flow = new Flow(Transport.TCP, new InetSocketAddress("127.0.0.1", PROXY),
                new InetSocketAddress("127.0.0.1", 5081), 7);
        h.bind(new Binding("sip:bob@example.com", "sip:bob@10.1.1.1:5060;transport=tcp", -1, NOW + 3_600_000,
                "r1", 1, "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>", 1, List.of(), "tcp:127.0.0.1:5081",
                BindingFlows.token(flow), "node-1", null, NOW));
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "flow-1", 1, ALICE), PROXY);
        h.settle();
        assertThat(last(h.bob2, "INVITE")).as("sent over the registered flow").isNotNull();
    }

    @Test
    void aFlowOwnedByAnotherNodeIsNotUsed() {
        Flow flow = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", PROXY),
                new InetSocketAddress("127.0.0.1", 5081), 0);
        h.bind(new Binding("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1, NOW + 3_600_000, "r1", 1, null, 0,
                List.of(), null, BindingFlows.token(flow), "node-2", null, NOW));
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "flow-2", 1, ALICE), PROXY);
        h.settle();
        assertThat(last(h.bob1, "INVITE")).as("the contact itself").isNotNull();
        assertThat(last(h.bob2, "INVITE")).isNull();
    }

    @Test
    void ourAddressWithAUserFindsTheBindingsOfOurDomain() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@127.0.0.1:5060", "addr-1", 1, ALICE), PROXY);
        h.settle();
        assertThat(last(h.bob1, "INVITE")).isNotNull();
    }

    @Test
    void noRecordRouteWhenDisabled() {
        ProxyHarness p = new ProxyHarness(ProxyConfig.builder().domain("example.com").recordRoute(false).build());
        p.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        p.alice.send(p.request("INVITE", "sip:bob@example.com", "norr-1", 1, ALICE), PROXY);
        p.settle();
        assertThat(last(p.bob1, "INVITE").recordRoutes()).isEmpty();
    }
}
