package io.callisto.server.proxy;

import io.callisto.server.location.BindingFlows;
import static io.callisto.server.proxy.ProxyHarness.ALICE;
import static io.callisto.server.proxy.ProxyHarness.BOB1;
import static io.callisto.server.proxy.ProxyHarness.BOB2;
import static io.callisto.server.proxy.ProxyHarness.NOW;
import static io.callisto.server.proxy.ProxyHarness.PROXY;
import static io.callisto.server.proxy.ProxyHarness.last;
import static io.callisto.server.proxy.ProxyHarness.requests;
import static io.callisto.server.proxy.ProxyHarness.responses;
import static io.callisto.server.proxy.ProxyHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.TimerConfig;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Branches that fail: transport errors (§16.6 step 7, §16.9), Timer C without a provisional (§16.8), §9.1. */
class ProxyFailureTest {

    private static final ProxyConfig CONFIG = ProxyConfig.builder().domain("example.com").build();

    @Test
    void aDeadFlowFallsBackToTheContactWithANewBranch() {
        ProxyHarness h = new ProxyHarness(CONFIG, TimerConfig.DEFAULT, Set.of(BOB2));
        Flow dead = new Flow(Transport.TCP, new InetSocketAddress("127.0.0.1", PROXY),
                new InetSocketAddress("127.0.0.1", BOB2), 5);
        h.bind(new Binding("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1, NOW + 3_600_000, "r1", 1, null, 0,
                List.of(), null, BindingFlows.token(dead), "node-1", null, NOW));
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "dead-flow", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv = last(h.bob1, "INVITE");
        assertThat(inv).as("the next address of the ordered set").isNotNull();
        assertThat(inv.recordRoutes()).hasSize(1);
        h.respond(h.bob1, inv, 200, "b");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(200);
    }

    @Test
    void anUnreachableNextHopEndsIn408() {
        ProxyHarness h = new ProxyHarness(CONFIG, TimerConfig.DEFAULT, Set.of(BOB1));
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "unreachable", 1, ALICE), PROXY);
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isEqualTo(408); // §16.6 step 7: "as if ... returned a 408"
        assertThat(r.reason()).isEqualTo("Next Hop Unreachable");
    }

    @Test
    void oneUnreachableBranchDoesNotSpoilTheOther() {
        ProxyHarness h = new ProxyHarness(CONFIG, TimerConfig.DEFAULT, Set.of(BOB1));
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5081", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "half", 1, ALICE), PROXY);
        h.settle();
        h.respond(h.bob2, last(h.bob2, "INVITE"), 486, "b2");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(486); // a real answer beats our 408
    }

    @Test
    void timerCWithoutAProvisionalActsAsA408() {
        // T1 = 4 s makes Timer B 256 s, so Timer C (185 s) fires first while the branch is still Calling
        ProxyHarness h = new ProxyHarness(CONFIG, new TimerConfig(4000, 4000, 5000, 32_000), Set.of());
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "timer-c-calling", 1, ALICE), PROXY);
        h.settle();
        h.advance(185_001);
        assertThat(requests(h.bob1, "CANCEL")).as("§9.1: no CANCEL without a provisional").isEmpty();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(100, 408);
    }

    @Test
    void aCancelledBranchThatNeverAnswersIsGivenUp() {
        ProxyHarness h = new ProxyHarness();
        String invite = h.request("INVITE", "sip:bob@example.com", "give-up", 1, ALICE);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", -1);
        h.alice.send(invite, PROXY);
        h.settle();
        h.respond(h.bob1, last(h.bob1, "INVITE"), 180, "b");
        h.settle();
        h.alice.send(ProxyHarness.cancelFor(invite), PROXY);
        h.settle();
        assertThat(requests(h.bob1, "CANCEL")).isNotEmpty();
        h.advance(31_000);
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180);
        h.advance(1_001);
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 487);
        assertThat(h.proxy.pendingInvites()).isZero();
    }
}
