package io.callisto.server.registrar;

import io.callisto.server.location.BindingFlows;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import io.callisto.server.testing.Reg;
import io.callisto.server.testing.ServerHarness;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3327 Path, RFC 5626 §6 outbound (instance, reg-id, flows, 439/421) and the NAT source of a binding. */
class PathOutboundTest {

    private static final String AOR = "sip:alice@example.com";
    private static final String INSTANCE = "<urn:uuid:00000000-0000-1000-8000-000A95A0E128>";
    private static final String OB_CONTACT = "<sip:alice@192.0.2.4;transport=tcp;ob>;+sip.instance=\"" + INSTANCE
            + "\"";

    private final ServerHarness h = new ServerHarness(RegistrarConfig.defaults("node-a"));

    private static Reg reg(long cseq) {
        return Reg.register().cseq(cseq);
    }

    @Test
    void pathIsStoredAndEchoedWhenTheUaSupportsIt() {
        SipResponse r = h.send(reg(1).throughProxy().header("Supported", "path")
                .header("Path", "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>")
                .contact("<sip:alice@192.0.2.4>"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.PATH)).extracting(NameAddress::uriText)
                .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
        assertThat(h.store.lookup(AOR).get(0).path())
                .containsExactly("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>");
    }

    @Test
    void pathWithoutSupportGets420() {
        SipResponse r = h.send(reg(1).throughProxy().header("Path", "<sip:p1.example.com;lr>")
                .contact("<sip:alice@192.0.2.4>"));

        assertThat(r.status()).isEqualTo(420);
        assertThat(r.all(Headers.UNSUPPORTED)).containsExactly("path");
        assertThat(h.store.updates).isEmpty();
    }

    @Test
    void anOutboundRegistrationIsBoundToItsFlowAndAnswersRequireOutbound() {
        SipResponse r = h.send(reg(1).header("Supported", "path, outbound").contact(OB_CONTACT + ";reg-id=1")
                .build(), ServerHarness.TCP);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.REQUIRE)).containsExactly("outbound");
        NameAddress c = r.all(Headers.CONTACT).get(0);
        assertThat(c.parameters().unquoted("+sip.instance")).isEqualTo(INSTANCE);
        assertThat(c.parameters().get("reg-id")).isEqualTo("1");

        Binding b = h.store.lookup(AOR).get(0);
        assertThat(b.instanceId()).isEqualTo(INSTANCE);
        assertThat(b.regId()).isEqualTo(1);
        assertThat(b.flow()).isEqualTo(BindingFlows.token(ServerHarness.TCP));
        assertThat(BindingFlows.flow(b.flow())).isEqualTo(ServerHarness.TCP);
        assertThat(b.source()).isEqualTo("tcp:192.0.2.4:40312");
        assertThat(b.node()).isEqualTo("node-a");
    }

    @Test
    void aNewFlowOfTheSameInstanceAndRegIdReplacesTheOldOne() {
        h.send(reg(1).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1").build(), ServerHarness.TCP);
        Flow second = new Flow(Transport.TCP, ServerHarness.LOCAL, new InetSocketAddress("192.0.2.4", 40999), 18);

        SipResponse r = h.send(Reg.register().callId("after-reconnect").cseq(1).header("Supported", "outbound")
                .contact("<sip:alice@192.0.2.4:40999;transport=tcp;ob>;+sip.instance=\"" + INSTANCE
                        + "\";reg-id=1").build(), second);

        assertThat(r.all(Headers.CONTACT)).hasSize(1);
        assertThat(h.store.lookup(AOR)).singleElement().satisfies(b -> {
            assertThat(b.flow()).isEqualTo(BindingFlows.token(second));
            assertThat(b.contact()).isEqualTo("sip:alice@192.0.2.4:40999;transport=tcp;ob");
        });
    }

    @Test
    void twoRegIdsOfOneInstanceAreTwoBindings() {
        h.send(reg(1).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1").build(), ServerHarness.TCP);
        h.send(Reg.register().callId("second-flow").cseq(1).header("Supported", "outbound")
                .contact(OB_CONTACT + ";reg-id=2").build(), ServerHarness.UDP);

        assertThat(h.store.lookup(AOR)).extracting(Binding::regId).containsExactlyInAnyOrder(1, 2);
        assertThat(h.store.lookup(AOR)).filteredOn(b -> b.regId() == 2).singleElement()
                .extracting(Binding::flow).isEqualTo(BindingFlows.token(ServerHarness.UDP));
    }

    @Test
    void anOutboundBindingIsRemovedByItsInstanceAndRegId() {
        h.send(reg(1).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1").build(), ServerHarness.TCP);

        SipResponse r = h.send(reg(2).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1;expires=0")
                .build(), ServerHarness.TCP);

        assertThat(r.status()).isEqualTo(200);
        assertThat(h.store.lookup(AOR)).isEmpty();
    }

    @Test
    void notFirstHopWithoutObPathAndOutboundSupportedGets439() {
        SipResponse r = h.send(reg(1).throughProxy().header("Supported", "path, outbound")
                .header("Path", "<sip:edge.example.com;lr>").contact(OB_CONTACT + ";reg-id=1"));

        assertThat(r.status()).isEqualTo(439);
        assertThat(r.reason()).isEqualTo("First Hop Lacks Outbound Support");
        assertThat(h.store.updates).isEmpty();
    }

    @Test
    void notFirstHopWithoutObPathAndNoOutboundSupportIgnoresRegId() {
        SipResponse r = h.send(reg(1).throughProxy().header("Supported", "path")
                .header("Path", "<sip:edge.example.com;lr>").contact(OB_CONTACT + ";reg-id=1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.REQUIRE)).isEmpty();
        assertThat(h.store.lookup(AOR)).singleElement().satisfies(b -> {
            assertThat(b.regId()).isZero();
            assertThat(b.key()).isEqualTo(b.contact());
            assertThat(b.flow()).isNull(); // the connection is to the edge proxy, not the UA
        });
    }

    @Test
    void anEdgeProxyPathWithObEnablesOutbound() {
        SipResponse r = h.send(reg(1).throughProxy().header("Supported", "path, outbound")
                .header("Path", "<sip:token@edge.example.com;lr;ob>").contact(OB_CONTACT + ";reg-id=1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.REQUIRE)).containsExactly("outbound");
        assertThat(r.all(Headers.PATH)).hasSize(1);
        assertThat(h.store.lookup(AOR)).singleElement().satisfies(b -> {
            assertThat(b.regId()).isEqualTo(1);
            assertThat(b.path()).containsExactly("<sip:token@edge.example.com;lr;ob>");
            assertThat(b.flow()).isNull(); // the edge proxy holds the flow (its token is in the Path)
        });
    }

    @Test
    void regIdWithoutInstanceIsIgnored() {
        SipResponse r = h.send(reg(1).header("Supported", "outbound").contact("<sip:alice@192.0.2.4>;reg-id=1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.REQUIRE)).isEmpty();
        assertThat(h.store.lookup(AOR)).singleElement().extracting(Binding::regId).isEqualTo(0);
    }

    @Test
    void regIdWithSeveralContactsToRegisterGets400() {
        SipResponse r = h.send(reg(1).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1")
                .contact("<sip:other@192.0.2.4>"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).contains("reg-id");
        // a reg-id registration may still remove other contacts (expires 0)
        assertThat(h.send(reg(2).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1")
                .contact("<sip:other@192.0.2.4>;expires=0")).status()).isEqualTo(200);
    }

    @Test
    void regIdWithoutOutboundSupportIsBoundButNotAnsweredWithRequire() {
        SipResponse r = h.send(reg(1).contact(OB_CONTACT + ";reg-id=1").build(), ServerHarness.TCP);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.all(Headers.REQUIRE)).isEmpty();
        assertThat(h.store.lookup(AOR)).singleElement().extracting(Binding::regId).isEqualTo(1);
    }

    @Test
    void malformedRegIdGets400() {
        assertThat(h.send(reg(1).contact(OB_CONTACT + ";reg-id=0")).status()).isEqualTo(400);
        assertThat(h.send(reg(2).contact(OB_CONTACT + ";reg-id=x")).status()).isEqualTo(400);
        assertThat(h.send(reg(3).contact(OB_CONTACT + ";reg-id=99999999999")).status()).isEqualTo(400);
    }

    @Test
    void anOutboundOnlyRegistrarAsksForOutbound() {
        ServerHarness strict = new ServerHarness(RegistrarConfig.defaults("n").withRequireOutbound(true));

        SipResponse r = strict.send(reg(1).contact("<sip:alice@192.0.2.4>"));
        assertThat(r.status()).isEqualTo(421);
        assertThat(r.all(Headers.REQUIRE)).containsExactly("outbound");

        SipResponse r2 = strict.send(reg(2).header("Supported", "outbound").contact("<sip:alice@192.0.2.4>"));
        assertThat(r2.status()).isEqualTo(400);

        assertThat(strict.send(reg(3).header("Supported", "outbound").contact(OB_CONTACT + ";reg-id=1")).status())
                .isEqualTo(200);
        // removing a plain contact is still allowed
        assertThat(strict.send(reg(4).contact("<sip:alice@192.0.2.4>;expires=0")).status()).isEqualTo(200);
    }

    @Test
    void aClientConnectionIsRememberedForNatTraversal() {
        h.send(reg(1).contact("<sip:alice@10.0.0.7:5060;transport=tcp>").build(), ServerHarness.TCP);

        assertThat(h.store.lookup(AOR)).singleElement().satisfies(b -> {
            assertThat(b.contact()).isEqualTo("sip:alice@10.0.0.7:5060;transport=tcp");
            assertThat(b.source()).isEqualTo("tcp:192.0.2.4:40312");
            assertThat(b.flow()).isEqualTo(BindingFlows.token(ServerHarness.TCP));
        });
    }
}
