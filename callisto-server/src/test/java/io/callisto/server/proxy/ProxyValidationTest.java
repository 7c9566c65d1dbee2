package io.callisto.server.proxy;

import static io.callisto.server.proxy.ProxyHarness.ALICE;
import static io.callisto.server.proxy.ProxyHarness.PROXY;
import static io.callisto.server.proxy.ProxyHarness.last;
import static io.callisto.server.proxy.ProxyHarness.responses;
import static io.callisto.server.proxy.ProxyHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.proxy.internal.LoopDetection;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** The request validation of RFC 3261 §16.3 and the answers to hostile or malformed requests. */
class ProxyValidationTest {

    private final ProxyHarness h = new ProxyHarness();

    @Test
    void maxForwardsZeroGets483() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "mf-0", 1, ALICE).replace("Max-Forwards: 70",
                "Max-Forwards: 0"), PROXY);
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isEqualTo(483);
        assertThat(r.reason()).isEqualTo("Too Many Hops");
        assertThat(last(h.bob1, "INVITE")).isNull();
    }

    @Test
    void optionsWithMaxForwardsZeroIsAnsweredHere() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("OPTIONS", "sip:bob@example.com", "mf-0-opt", 1, ALICE).replace("Max-Forwards: 70",
                "Max-Forwards: 0"), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "OPTIONS")).containsExactly(200); // §16.3 step 3, §11
        assertThat(last(h.bob1, "OPTIONS")).isNull();
    }

    @Test
    void maxForwardsAboveTheCapIsLowered() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("MESSAGE", "sip:bob@example.com", "mf-200", 1, ALICE).replace("Max-Forwards: 70",
                "Max-Forwards: 200"), PROXY);
        h.alice.send(h.request("MESSAGE", "sip:bob@example.com", "mf-none", 1, ALICE).replace(
                "Max-Forwards: 70\n", ""), PROXY);
        h.settle();
        assertThat(ProxyHarness.requests(h.bob1, "MESSAGE")).extracting(SipRequest::maxForwards)
                .containsExactly(70, 70);
    }

    @Test
    void aRequestCarryingOurViaWithItsOwnFingerprintHasLooped() {
        String text = h.request("INVITE", "sip:bob@example.com", "loop-1", 1, ALICE);
        String fingerprint = LoopDetection.fingerprint(ProxyHarness.parse(text));
        String looped = text.replaceFirst("Via: ",
                "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKother\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch="
                        + LoopDetection.branch(fingerprint) + "\nVia: ");
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(looped, PROXY);
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(482); // §16.3 step 4
    }

    @Test
    void aSpiralIsNotALoop() {
        // the same request with another Request-URI: the fingerprint differs, the request is processed
        String text = h.request("INVITE", "sip:bob@example.com", "spiral-1", 1, ALICE);
        String other = LoopDetection.fingerprint(ProxyHarness.parse(text.replace("INVITE sip:bob@example.com",
                "INVITE sip:robert@example.com")));
        String spiral = text.replaceFirst("Via: ", "Via: SIP/2.0/UDP 127.0.0.1:5060;branch="
                + LoopDetection.branch(other) + "\nVia: ");
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(spiral, PROXY);
        h.settle();
        assertThat(last(h.bob1, "INVITE")).isNotNull();
    }

    @Test
    void aContactPointingBackAtTheProxyIsCaughtAsALoop() {
        // bob registered the proxy's own address: the request spirals once (new request-URI), then loops
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5060", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "loop-2", 1, ALICE), PROXY);
        h.settle();
        h.advance(1000);
        assertThat(statuses(h.alice, "INVITE")).contains(482);
    }

    @Test
    void unsupportedProxyRequireGets420WithUnsupported() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "pr-1", 1, ALICE,
                "Proxy-Require: foo, bar"), PROXY);
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.header("Unsupported")).isEqualTo("foo, bar"); // §16.3 step 5
    }

    @Test
    void understoodProxyRequireIsForwarded() {
        ProxyHarness p = new ProxyHarness(ProxyConfig.builder().domain("example.com")
                .proxyRequireSupported("foo").build());
        p.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        p.alice.send(p.request("INVITE", "sip:bob@example.com", "pr-2", 1, ALICE, "Proxy-Require: foo"), PROXY);
        p.settle();
        SipRequest inv = last(p.bob1, "INVITE");
        assertThat(inv).isNotNull();
        assertThat(inv.header("Proxy-Require")).isEqualTo("foo"); // §16.6 step 1: other fields unchanged
    }

    @Test
    void unknownUriSchemeGets416() {
        h.alice.send(h.request("INVITE", "mailto:bob@example.com", "scheme-1", 1, ALICE), PROXY);
        h.alice.send(h.request("INVITE", "tel:+4930123456", "scheme-2", 1, ALICE), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(416, 416); // §16.3 step 2; tel: without a route
    }

    @Test
    void malformedRouteGets400() {
        h.alice.send(h.request("INVITE", "sip:carol@other.net", "bad-1", 1, ALICE, "Route: <sip:x;lr"), PROXY);
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).startsWith("Bad Request (");
    }

    @Test
    void aMalformedFieldTheProxyDoesNotNeedIsForwardedUntouched() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "bad-2", 1, ALICE)
                .replace("Contact: <sip:alice@127.0.0.1:5070>", "Contact: <<nonsense"), PROXY);
        h.alice.send(h.request("MESSAGE", "sip:bob@example.com", "bad-3", 1, ALICE, "Date: yesterday"), PROXY);
        h.settle();
        assertThat(last(h.bob1, "INVITE").header("Contact")).isEqualTo("<<nonsense"); // §16.3 step 1
        assertThat(last(h.bob1, "MESSAGE").header("Date")).isEqualTo("yesterday");
    }
}
