package io.callisto.server.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import io.callisto.server.registrar.RegistrarConfig;
import io.callisto.server.testing.Reg;
import io.callisto.server.testing.ServerHarness;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 3261 §8.3, §21.3: 302 for one location, 300 for several, 404 for none; never the Request-URI itself. */
class RedirectServerTest {

    private static final String AOR = "sip:bob@example.com";

    private final ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"));
    private RedirectServer redirect;

    @BeforeEach
    void setUp() {
        redirect = new RedirectServer(h.store, h.wall::get);
        h.dispatch = tx -> redirect.onRequest(tx);
    }

    private void bind(String contact, double q, long seconds, String instance) {
        long now = h.wall.get();
        h.store.update(AOR, List.of(new Binding(AOR, contact, q, now + seconds * 1000, "reg", 1, instance, 0,
                List.of(), "udp:192.0.2.9:5060", null, "n", null, now)), List.of()).join();
    }

    @Test
    void oneBindingGives302WithTheContact() {
        bind("sip:bob@192.0.2.9:5062", 0.8, 600, null);

        SipResponse r = h.send(Reg.request("INVITE", "sip:bob@example.com"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.reason()).isEqualTo("Moved Temporarily");
        assertThat(r.to().tag()).isNotEmpty();
        assertThat(r.all(Headers.CONTACT)).singleElement().satisfies(c -> {
            assertThat(c.uriText()).isEqualTo("sip:bob@192.0.2.9:5062");
            assertThat(c.parameters().get("q")).isEqualTo("0.8");
            assertThat(c.parameters().get("expires")).isEqualTo("600");
        });
    }

    @Test
    void severalBindingsGive300HighestQFirst() {
        bind("sip:bob@192.0.2.9", 0.2, 600, null);
        bind("sip:bob@192.0.2.10", 0.9, 600, null);
        bind("sip:bob@192.0.2.11", -1, 300, null);

        SipResponse r = h.send(Reg.request("MESSAGE", "sip:bob@example.com"));

        assertThat(r.status()).isEqualTo(300);
        assertThat(r.all(Headers.CONTACT)).extracting(NameAddress::uriText)
                .containsExactly("sip:bob@192.0.2.11", "sip:bob@192.0.2.10", "sip:bob@192.0.2.9");
        assertThat(r.all(Headers.CONTACT).get(0).parameters().has("q")).isFalse();
    }

    @Test
    void oneContactPerInstance() {
        bind("sip:bob@192.0.2.9;ob", 1, 600, "<urn:uuid:1>");
        h.advance(1000);
        bind("sip:bob@192.0.2.10;ob", 1, 600, "<urn:uuid:1>");

        SipResponse r = h.send(Reg.request("INVITE", "sip:bob@example.com"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.all(Headers.CONTACT)).extracting(NameAddress::uriText).containsExactly("sip:bob@192.0.2.10;ob");
    }

    @Test
    void noBindingGives404() {
        assertThat(h.send(Reg.request("INVITE", "sip:bob@example.com")).status()).isEqualTo(404);
        assertThat(h.send(Reg.request("INVITE", "tel:+15551234")).status()).isEqualTo(404);
    }

    @Test
    void expiredBindingsAreNotListed() {
        bind("sip:bob@192.0.2.9", 1, 60, null);
        h.advance(60_000);

        assertThat(h.send(Reg.request("INVITE", "sip:bob@example.com")).status()).isEqualTo(404);
    }

    @Test
    void neverRedirectsToTheRequestUriItself() {
        bind("sip:bob@example.com", 1, 600, null);

        assertThat(h.send(Reg.request("INVITE", "sip:bob@EXAMPLE.com")).status()).isEqualTo(404);
    }

    @Test
    void unknownRequiredExtensionsAreIgnored() {
        bind("sip:bob@192.0.2.9", 1, 600, null);

        assertThat(h.send(Reg.request("INVITE", "sip:bob@example.com").header("Require", "foo")).status())
                .isEqualTo(302);
    }

    @Test
    void aCancelMatchingNothingGets481AndTheAckOfA3xxIsAbsorbed() {
        SipRequest unknown = Reg.request("INVITE", "sip:nobody@example.com").build();
        SipResponse c = h.send(reparse(Messages.cancelFor(unknown)), ServerHarness.UDP);
        assertThat(c.status()).isEqualTo(481);

        bind("sip:bob@192.0.2.9", 1, 600, null);
        SipRequest invite = Reg.request("INVITE", "sip:bob@example.com").build();
        SipResponse r = h.send(invite, ServerHarness.UDP);
        assertThat(r.status()).isEqualTo(302);
        int before = h.transport.responses.size();
        h.send(reparse(Messages.ackFor(invite, r)), ServerHarness.UDP);
        assertThat(h.transport.responses).hasSize(before);
    }

    @Test
    void aMalformedToStillGetsAnAnswer() {
        bind("sip:bob@192.0.2.9", 1, 600, null);

        SipResponse r = h.send(Reg.request("INVITE", "sip:bob@example.com").to("garbage"));

        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("To")).isEqualTo("garbage");
    }

    private static SipRequest reparse(SipRequest r) {
        return (SipRequest) SipParser.DEFAULT.parseDatagram(r.toBytes());
    }
}
