package io.callisto.server.proxy;

import static io.callisto.server.proxy.ProxyHarness.ALICE;
import static io.callisto.server.proxy.ProxyHarness.PROXY;
import static io.callisto.server.proxy.ProxyHarness.last;
import static io.callisto.server.proxy.ProxyHarness.requests;
import static io.callisto.server.proxy.ProxyHarness.responses;
import static io.callisto.server.proxy.ProxyHarness.statuses;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import org.junit.jupiter.api.Test;

/** Forking and the response context (RFC 3261 §16.6, §16.7 steps 5-7 and 10). */
class ProxyForkingTest {

    private ProxyHarness parallel() {
        ProxyHarness h = new ProxyHarness();
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", 0.5);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5081", 1.0);
        return h;
    }

    private ProxyHarness sequential() {
        ProxyHarness h = new ProxyHarness(ProxyConfig.builder().domain("example.com")
                .forking(ForkingMode.SEQUENTIAL).build());
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", 0.5);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5081", 1.0);
        return h;
    }

    @Test
    void parallelForkOneAnswersTheOtherIsCancelled() {
        ProxyHarness h = parallel();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "fork-1", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv1 = last(h.bob1, "INVITE");
        SipRequest inv2 = last(h.bob2, "INVITE");
        assertThat(inv1).isNotNull();
        assertThat(inv2).isNotNull();
        assertThat(inv1.topVia().branch()).isNotEqualTo(inv2.topVia().branch()); // one branch per target

        h.respond(h.bob1, inv1, 180, "t1");
        h.respond(h.bob2, inv2, 180, "t2");
        h.settle();
        h.respond(h.bob2, inv2, 200, "t2");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 180, 200);

        SipRequest cancel = last(h.bob1, "CANCEL");
        assertThat(cancel).as("§16.7 step 10: the other branch is cancelled").isNotNull();
        assertThat(cancel.header("Reason")).contains("cause=200");
        assertThat(last(h.bob2, "CANCEL")).isNull();
        h.respond(h.bob1, cancel, 200, null);
        h.respond(h.bob1, inv1, 487, "t1");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).as("the 487 stays here").containsExactly(180, 180, 200);
    }

    @Test
    void twoAnswersAreBothForwarded() {
        ProxyHarness h = parallel();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "fork-2", 1, ALICE), PROXY);
        h.settle();
        h.respond(h.bob1, last(h.bob1, "INVITE"), 200, "t1");
        h.respond(h.bob2, last(h.bob2, "INVITE"), 200, "t2");
        h.settle();
        // §16.7 step 5: every 2xx is forwarded; the caller ACKs and BYEs the extra one (§13.2.2.4)
        assertThat(responses(h.alice, "INVITE")).extracting(r -> r.to().tag()).containsExactly("t1", "t2");
    }

    @Test
    void aDeclineEndsTheFork() {
        ProxyHarness h = parallel();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "fork-6xx", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv1 = last(h.bob1, "INVITE");
        SipRequest inv2 = last(h.bob2, "INVITE");
        h.respond(h.bob1, inv1, 180, "t1");
        h.settle();
        h.respond(h.bob2, inv2, 603, "t2");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).as("the 6xx waits for the other branch").containsExactly(180);
        SipRequest cancel = last(h.bob1, "CANCEL");
        assertThat(cancel).as("§16.7 step 5: a 6xx cancels the pending branches").isNotNull();
        h.respond(h.bob1, cancel, 200, null);
        h.respond(h.bob1, inv1, 487, "t1");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 603);
    }

    @Test
    void challengesFromSeveralBranchesAreMerged() {
        ProxyHarness h = parallel();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "fork-auth", 1, ALICE), PROXY);
        h.settle();
        h.respond(h.bob1, last(h.bob1, "INVITE"), 407, "t1",
                "Proxy-Authenticate: Digest realm=\"one\", nonce=\"n1\"");
        h.respond(h.bob2, last(h.bob2, "INVITE"), 401, "t2",
                "WWW-Authenticate: Digest realm=\"two\", nonce=\"n2\"");
        h.settle();
        SipResponse r = responses(h.alice, "INVITE").get(0);
        assertThat(r.status()).isIn(401, 407);
        // §16.7 step 7: all the challenges in one response
        assertThat(r.headers("Proxy-Authenticate")).containsExactly("Digest realm=\"one\", nonce=\"n1\"");
        assertThat(r.headers("WWW-Authenticate")).containsExactly("Digest realm=\"two\", nonce=\"n2\"");
        assertThat(r.vias()).hasSize(1);
    }

    @Test
    void theBestResponseIsTheLowestClassPreferringChallenges() {
        ProxyHarness h = parallel();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "fork-best", 1, ALICE), PROXY);
        h.settle();
        h.respond(h.bob1, last(h.bob1, "INVITE"), 500, "t1");
        h.respond(h.bob2, last(h.bob2, "INVITE"), 486, "t2");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(486);
    }

    @Test
    void sequentialForkTriesTheHighestQFirstThenTheNextGroup() {
        ProxyHarness h = sequential();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "seq-1", 1, ALICE), PROXY);
        h.settle();
        assertThat(last(h.bob2, "INVITE")).as("q=1.0 first").isNotNull();
        assertThat(last(h.bob1, "INVITE")).as("q=0.5 waits").isNull();

        h.respond(h.bob2, last(h.bob2, "INVITE"), 486, "t2");
        h.settle();
        SipRequest inv1 = last(h.bob1, "INVITE");
        assertThat(inv1).as("the first group failed: the next one").isNotNull();
        h.respond(h.bob1, inv1, 200, "t1");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(200);
    }

    @Test
    void sequentialForkMovesOnWhenAGroupRingsTooLong() {
        ProxyHarness h = sequential();
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "seq-2", 1, ALICE), PROXY);
        h.settle();
        SipRequest inv2 = last(h.bob2, "INVITE");
        h.respond(h.bob2, inv2, 180, "t2");
        h.settle();
        h.advance(19_999);
        assertThat(last(h.bob1, "INVITE")).isNull();
        h.advance(2);
        assertThat(last(h.bob1, "INVITE")).as("after the sequential timeout").isNotNull();
        SipRequest cancel = last(h.bob2, "CANCEL");
        assertThat(cancel).isNotNull();
        h.respond(h.bob2, cancel, 200, null);
        h.respond(h.bob2, inv2, 487, "t2");
        h.settle();
        h.respond(h.bob1, last(h.bob1, "INVITE"), 480, "t1");
        h.settle();
        // the 487 of a branch we cancelled stands for a timeout; 480 is the real answer
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 480);
    }

    @Test
    void maxBranchesLimitsTheFork() {
        ProxyHarness h = new ProxyHarness(ProxyConfig.builder().domain("example.com").maxBranches(1).build());
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5080", 0.5);
        h.register("sip:bob@example.com", "sip:bob@127.0.0.1:5081", 1.0);
        h.alice.send(h.request("INVITE", "sip:bob@example.com", "max-1", 1, ALICE), PROXY);
        h.settle();
        assertThat(requests(h.bob2, "INVITE")).hasSize(1);
        assertThat(requests(h.bob1, "INVITE")).isEmpty();
    }

    @Test
    void callerCancelDuringAForkCancelsEveryBranch() {
        ProxyHarness h = parallel();
        String invite = h.request("INVITE", "sip:bob@example.com", "fork-cancel", 1, ALICE);
        h.alice.send(invite, PROXY);
        h.settle();
        SipRequest inv1 = last(h.bob1, "INVITE");
        SipRequest inv2 = last(h.bob2, "INVITE");
        h.respond(h.bob1, inv1, 180, "t1");
        h.respond(h.bob2, inv2, 180, "t2");
        h.settle();
        h.alice.send(ProxyHarness.cancelFor(invite), PROXY);
        h.settle();
        assertThat(requests(h.bob1, "CANCEL")).hasSize(1);
        assertThat(requests(h.bob2, "CANCEL")).hasSize(1);
        h.respond(h.bob1, inv1, 487, "t1");
        h.respond(h.bob2, inv2, 487, "t2");
        h.settle();
        assertThat(statuses(h.alice, "INVITE")).containsExactly(180, 180, 487);
    }
}
