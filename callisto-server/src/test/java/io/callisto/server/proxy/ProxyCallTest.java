package io.callisto.server.proxy;

import static io.callisto.server.proxy.ProxyHarness.ALICE;
import static io.callisto.server.proxy.ProxyHarness.PROXY;
import static io.callisto.server.proxy.ProxyHarness.last;
import static io.callisto.server.proxy.ProxyHarness.requests;
import static io.callisto.server.proxy.ProxyHarness.responses;
import static io.callisto.server.proxy.ProxyHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call through the proxy, end to end on the in-memory network (RFC 3261 §16, §12, §13, §16.10, §16.8). */
class ProxyCallTest {

    private final ProxyHarness h = new ProxyHarness();

    private SipRequest inviteBob(String callId) {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", callId, 1, ALICE), PROXY);
        h.settle();
        return last(h.bob1, "INVITE");
    }

    @Test
    void plainCallWithRecordRouteAckAndBye() {
        SipRequest inv = inviteBob("call-1");
        assertThat(inv).as("INVITE forwarded to the registered contact").isNotNull();
        assertThat(inv.requestUriText()).isEqualTo("sip:bob@127.0.0.1:5080"); // §16.6 step 2
        assertThat(inv.maxForwards()).isEqualTo(69); // §16.6 step 3
        List<Via> vias = inv.vias();
        assertThat(vias).hasSize(2);
        assertThat(vias.get(0).sentBy()).isEqualTo("127.0.0.1:5060"); // §16.6 step 8
        assertThat(vias.get(0).branch()).startsWith("z9hG4bK");
        assertThat(vias.get(1).branch()).isEqualTo("z9hG4bKpeer1");
        assertThat(inv.recordRoutes()).extracting(NameAddress::uriText).containsExactly("sip:127.0.0.1:5060;lr");

        h.respond(h.bob1, inv, 180, "bobtag");
        h.settle();
        SipResponse ringing = responses(h.alice, "INVITE").get(0);
        assertThat(ringing.status()).isEqualTo(180);
        assertThat(ringing.vias()).hasSize(1); // §16.7 step 3: our Via removed
        assertThat(ringing.to().tag()).isEqualTo("bobtag"); // §16.7 step 6: tags untouched

        h.respond(h.bob1, inv, 200, "bobtag");
        h.settle();
        SipResponse ok = responses(h.alice, "INVITE").get(1);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.recordRoutes()).extracting(NameAddress::uriText).containsExactly("sip:127.0.0.1:5060;lr");
        assertThat(h.proxy.pendingInvites()).as("no CANCEL can matter any more").isZero();

        // §12.2.1.1: alice's route set is the Record-Route; the ACK and BYE go to the proxy with a Route
        String dialog = "To: <sip:bob@example.com>;tag=bobtag";
        h.alice.send(h.request("ACK", "sip:bob@127.0.0.1:5080", "call-1", 1, ALICE,
                "Route: <sip:127.0.0.1:5060;lr>").replace("To: <sip:bob@example.com>\n", dialog + "\n"), PROXY);
        h.settle();
        SipRequest ack = last(h.bob1, "ACK");
        assertThat(ack).as("ACK for the 2xx forwarded statelessly by its Route (§16.11)").isNotNull();
        assertThat(ack.routes()).isEmpty(); // §16.4: our Route value removed
        assertThat(ack.maxForwards()).isEqualTo(69);
        assertThat(ack.vias()).hasSize(2);

        h.alice.send(h.request("BYE", "sip:bob@127.0.0.1:5080", "call-1", 2, ALICE,
                "Route: <sip:127.0.0.1:5060;lr>").replace("To: <sip:bob@example.com>\n", dialog + "\n"), PROXY);
        h.settle();
        SipRequest bye = last(h.bob1, "BYE");
        assertThat(bye).isNotNull();
        assertThat(bye.routes()).isEmpty();
        assertThat(bye.requestUriText()).isEqualTo("sip:bob@127.0.0.1:5080");
        h.respond(h.bob1, bye, 200, null);
        h.settle();
        assertThat(statuses(h.alice, "BYE")).containsExactly(200);
    }

    @Test
    void unregisteredUserGets404() {
        h.alice.send(h.request("INVITE", "sip:carol@example.com", "call-404", 1, ALICE), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(404);
        assertThat(responses(h.alice, "INVITE").get(0).to().tag()).isNotNull(); // §8.2.6.2
        assertThat(h.net.count("INVITE sip:carol")).isEqualTo(1); // nothing forwarded
    }

    @Test
    void callerCancelGets200AndTheInviteEndsWith487FromTheCallee() {
        String invite = h.request("INVITE", "sip:bob@example.com", "call-cancel", 1, ALICE);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(invite, PROXY);
        h.settle();
        SipRequest inv = last(h.bob1, "INVITE");
        h.respond(h.bob1, inv, 180, "b1");
        h.settle();

        h.alice.send(ProxyHarness.cancelFor(invite), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "CANCEL")).containsExactly(200); // §16.10: at once
        SipRequest cancel = last(h.bob1, "CANCEL");
        assertThat(cancel).as("the pending branch is cancelled").isNotNull();
        assertThat(cancel.topVia().branch()).isEqualTo(inv.topVia().branch()); // §9.1

        h.respond(h.bob1, cancel, 200, null);
        h.respond(h.bob1, inv, 487, "b1");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 487);
        assertThat(requests(h.bob1, "ACK")).hasSize(1); // the client transaction ACKs the 487 (§17.1.1.3)
        assertThat(h.proxy.pendingInvites()).isZero();
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForOne() {
        String invite = h.request("INVITE", "sip:bob@example.com", "call-early-cancel", 1, ALICE);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(invite, PROXY);
        h.settle();
        h.alice.send(ProxyHarness.cancelFor(invite), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "CANCEL")).containsExactly(200);
        assertThat(requests(h.bob1, "CANCEL")).as("§9.1: no CANCEL before a provisional").isEmpty();

        SipRequest inv = last(h.bob1, "INVITE");
        h.respond(h.bob1, inv, 100, null);
        h.settle();
        assertThat(requests(h.bob1, "CANCEL")).hasSize(1);
        assertThat(statuses(h.alice, "INVITE")).as("100 is not forwarded").doesNotContain(100);
    }

    @Test
    void cancelMatchingNothingGets481() {
        String invite = h.request("INVITE", "sip:bob@example.com", "call-nothing", 1, ALICE);
        h.alice.send(ProxyHarness.cancelFor(invite), PROXY);
        h.settle();
        assertThat(statuses(h.alice, "CANCEL")).containsExactly(481);
    }

    @Test
    void everyTwoHundredRetransmissionIsForwardedAndStrayResponsesAreDropped() {
        SipRequest inv = inviteBob("call-rtx");
        SipResponse ok = h.respond(h.bob1, inv, 200, "bobtag");
        h.settle();
        h.bob1.send(ok, PROXY); // the UAS retransmits its 2xx (§13.3.1.4): the ACK has not arrived
        h.settle();
        h.bob1.send(ok, PROXY);
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(200, 200, 200);

        h.advance(40_000); // Timer M and L are over: nothing left to match
        h.bob1.send(ok, PROXY);
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).as("RFC 6026 §7.3: a stray response is not forwarded")
                .containsExactly(200, 200, 200);
    }

    @Test
    void timerCCancelsABranchThatRingsForeverAndTheCallerGets408() {
        SipRequest inv = inviteBob("call-timer-c");
        h.respond(h.bob1, inv, 180, "b1");
        h.settle();
        h.advance(180_000);
        assertThat(requests(h.bob1, "CANCEL")).as("Timer C is more than 3 minutes").isEmpty();
        h.advance(5_001);
        SipRequest cancel = last(h.bob1, "CANCEL");
        assertThat(cancel).as("§16.8: Timer C fired after a provisional: CANCEL").isNotNull();
        h.respond(h.bob1, cancel, 200, null);
        h.respond(h.bob1, inv, 487, "b1");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 408);
    }

    @Test
    void aProvisionalResetsTimerC() {
        SipRequest inv = inviteBob("call-timer-c-reset");
        h.respond(h.bob1, inv, 180, "b1");
        h.settle();
        h.advance(120_000);
        h.respond(h.bob1, inv, 183, "b1");
        h.settle();
        h.advance(120_000); // 240 s after the INVITE, 120 s after the 183
        assertThat(requests(h.bob1, "CANCEL")).isEmpty();
        h.advance(70_000);
        assertThat(requests(h.bob1, "CANCEL")).isNotEmpty();
    }

    @Test
    void aLone503BecomesA500() {
        SipRequest inv = inviteBob("call-503");
        h.respond(h.bob1, inv, 503, "b1", "Retry-After: 60");
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isEqualTo(500); // §16.7 step 6
        assertThat(r.header("Retry-After")).isNull();
    }

    @Test
    void nonInviteRequestsAreProxiedToo() {
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("MESSAGE", "sip:bob@example.com", "msg-1", 1, ALICE), PROXY);
        h.settle();
        SipRequest msg = last(h.bob1, "MESSAGE");
        assertThat(msg).isNotNull();
        assertThat(msg.recordRoutes()).as("MESSAGE forms no dialog").isEmpty();
        h.respond(h.bob1, msg, 200, "b1");
        h.settle();
        assertThat(statuses(h.alice, "MESSAGE")).containsExactly(200);
    }

    @Test
    void anUnresponsiveCalleeEndsIn408() {
        inviteBob("call-timeout");
        h.advance(32_000); // Timer B (64*T1) of the INVITE client transaction
        assertThat(statuses(h.alice, "INVITE")).containsExactly(100, 408);
        h.advance(10_000); // alice sends no ACK: the server transaction retransmits its 408 (Timer G)
        assertThat(statuses(h.alice, "INVITE")).startsWith(100, 408, 408).containsOnly(100, 408);
    }

    @Test
    void optionsToTheProxyItselfIsAnswered() {
        h.alice.send(h.request("OPTIONS", "sip:127.0.0.1:5060", "opt-1", 1, ALICE), PROXY);
        h.alice.send(h.request("INVITE", "sip:example.com", "inv-here", 1, ALICE), PROXY);
        h.settle();
        SipResponse ok = responses(h.alice, "OPTIONS").get(0);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("Allow")).contains("INVITE");
        assertThat(statuses(h.alice, "INVITE")).containsExactly(404);
    }
}
