package io.callisto.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Calls between two Callisto UAs on the in-memory network: the §13-15 flows, on a virtual clock. */
class CallFlowTest {

    private final UaHarness h = new UaHarness();
    private final UserAgent alice = h.ua("sip:alice@127.0.0.1:5061", 5061);
    private final UserAgent bob = h.ua("sip:bob@127.0.0.1:5062", 5062);
    private final AtomicReference<Call> incoming = new AtomicReference<>();
    private final List<CallState> bobStates = new ArrayList<>();

    CallFlowTest() {
        bob.onIncomingCall(c -> {
            incoming.set(c);
            c.addListener(e -> bobStates.add(e.state()));
        });
    }

    private Call callBob() {
        Call c = alice.call("sip:bob@127.0.0.1:5062", Body.sdp("v=0\r\n"));
        h.settle();
        assertThat(incoming.get()).as("bob saw the INVITE").isNotNull();
        return c;
    }

    @Test
    void ringAnswerHangup() {
        Call call = callBob();
        List<CallState> aliceStates = new ArrayList<>();
        call.addListener(e -> aliceStates.add(e.state()));
        incoming.get().ring();
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.RINGING);
        incoming.get().answer(Body.sdp("v=0\r\no=bob\r\n"));
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(call.answered()).isCompleted();
        assertThat(call.remoteBody().text()).contains("o=bob");
        assertThat(incoming.get().state()).as("the ACK confirms the UAS side").isEqualTo(CallState.CONFIRMED);
        assertThat(h.net.count("ACK")).isEqualTo(1);
        assertThat(alice.activeDialogs()).isEqualTo(1);
        assertThat(bob.activeDialogs()).isEqualTo(1);

        call.hangup();
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(incoming.get().state()).isEqualTo(CallState.TERMINATED);
        assertThat(incoming.get().ended().join().reason()).isEqualTo("remote BYE");
        assertThat(h.net.count("SIP/2.0 200")).as("200 INVITE, 200 BYE").isEqualTo(2);
        assertThat(aliceStates).containsExactly(CallState.RINGING, CallState.CONFIRMED, CallState.TERMINATED);
        assertThat(bobStates).containsExactly(CallState.RINGING, CallState.CONFIRMED, CallState.TERMINATED);
        h.run(40_000);
        assertThat(alice.activeDialogs()).isZero();
        assertThat(bob.activeDialogs()).isZero();
        assertThat(alice.stack().transactions().activeTransactions()).isZero();
        assertThat(bob.stack().transactions().activeTransactions()).isZero();
    }

    @Test
    void rejectedCallFailsWithTheStatus() {
        Call call = callBob();
        incoming.get().reject(486, "Busy Here");
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(call.answered()).isCompletedExceptionally();
        assertThat(call.ended().join().status()).isEqualTo(486);
        assertThat(h.net.count("ACK")).as("the transaction ACKs the 486 (§17.1.1.3)").isEqualTo(1);
    }

    @Test
    void cancelOfARingingCall() {
        Call call = callBob();
        incoming.get().ring();
        h.settle();
        call.hangup();
        h.settle();
        assertThat(h.net.count("CANCEL")).isEqualTo(1);
        assertThat(incoming.get().state()).isEqualTo(CallState.TERMINATED);
        assertThat(incoming.get().ended().join().status()).isEqualTo(487);
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(call.ended().join().status()).isEqualTo(487);
        assertThat(call.ended().join().reason()).isEqualTo("cancelled");
    }

    @Test
    void cancelBeforeAnyProvisionalWaitsForOne() {
        h.net.drop = m -> m.startLine().startsWith("SIP/2.0 100");
        Call call = callBob();
        call.hangup();
        h.settle();
        assertThat(h.net.count("CANCEL")).as("§9.1: no CANCEL before a provisional").isZero();
        incoming.get().ring();
        h.settle();
        assertThat(h.net.count("CANCEL")).isEqualTo(1);
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void lostAckMakesTheUasRetransmitItsTwoHundred() {
        int[] acks = {0};
        h.net.drop = m -> m.startLine().startsWith("ACK") && acks[0]++ == 0;
        Call call = callBob();
        incoming.get().answer(null);
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
        assertThat(incoming.get().state()).isNotEqualTo(CallState.CONFIRMED);
        h.run(500); // T1: the 2xx again (§13.3.1.4), ACKed again by the UAC core (§13.2.2.4)
        assertThat(h.net.count("SIP/2.0 200")).isEqualTo(2);
        assertThat(h.net.count("ACK")).isEqualTo(1);
        assertThat(incoming.get().state()).isEqualTo(CallState.CONFIRMED);
        h.run(10_000);
        assertThat(h.net.count("SIP/2.0 200")).as("no more retransmissions after the ACK").isEqualTo(2);
    }

    @Test
    void noAckAtAllEndsTheSessionWithBye() {
        h.net.drop = m -> m.startLine().startsWith("ACK");
        Call call = callBob();
        incoming.get().answer(null);
        h.run(31_000);
        // T1 doubling to T2: 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, ... 31.5: the 2xx is sent again and again
        long sent = h.net.count("SIP/2.0 200");
        assertThat(sent).isBetween(8L, 11L);
        assertThat(h.net.count("BYE")).isZero();
        h.run(2_000); // 64*T1 = 32 s: give up, BYE (§13.3.1.4)
        assertThat(h.net.count("BYE")).isEqualTo(1);
        assertThat(incoming.get().state()).isEqualTo(CallState.TERMINATED);
        assertThat(incoming.get().ended().join().status()).as("the UAS reports the missing ACK").isEqualTo(408);
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
    }

    @Test
    void reinviteRefreshesTheSession() {
        Call call = callBob();
        incoming.get().answer(Body.sdp("v=0\r\no=bob 1\r\n"));
        h.settle();
        List<CallEvent.Type> bobEvents = new ArrayList<>();
        incoming.get().addListener(e -> bobEvents.add(e.type()));
        CompletableFuture<SipResponse> r = call.reinvite(Body.sdp("v=0\r\no=alice 2\r\n"));
        h.settle();
        assertThat(r).isCompleted();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(incoming.get().remoteBody().text()).contains("o=alice 2");
        assertThat(bobEvents).contains(CallEvent.Type.REFRESHED);
        assertThat(h.net.count("ACK")).isEqualTo(2);
        assertThat(call.state()).isEqualTo(CallState.CONFIRMED);
    }

    @Test
    void glareGets491AndBothSidesRetryAfterTheBackOff() {
        Call call = callBob();
        incoming.get().answer(null);
        h.settle();
        // Both re-INVITEs leave before either arrives.
        CompletableFuture<SipResponse> a = call.reinvite(Body.sdp("v=0\r\no=alice\r\n"));
        CompletableFuture<SipResponse> b = incoming.get().reinvite(Body.sdp("v=0\r\no=bob\r\n"));
        h.settle();
        assertThat(h.net.count("SIP/2.0 491")).isEqualTo(2);
        assertThat(a).isNotDone();
        assertThat(b).isNotDone();
        h.run(4_100); // §14.1: bob (not the Call-ID owner) retries within 2 s, alice within 2.1-4 s
        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
        assertThat(a.join().status()).isEqualTo(200);
        assertThat(b.join().status()).isEqualTo(200);
    }

    @Test
    void infoInTheCall() {
        Call call = callBob();
        incoming.get().answer(null);
        h.settle();
        List<CallEvent> got = new ArrayList<>();
        incoming.get().addListener(e -> {
            if (e.type() == CallEvent.Type.INFO_RECEIVED) {
                got.add(e);
            }
        });
        CompletableFuture<SipResponse> r = call.sendInfo(Body.of("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        h.settle();
        assertThat(r.join().status()).isEqualTo(200);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).message().bodyText()).contains("Signal=5");
    }

    @Test
    void calleeHangsUp() {
        Call call = callBob();
        incoming.get().answer(null);
        h.settle();
        incoming.get().hangup();
        h.settle();
        assertThat(call.state()).isEqualTo(CallState.TERMINATED);
        assertThat(call.ended().join().reason()).isEqualTo("remote BYE");
    }

    @Test
    void unansweredIncomingCallHungUpIsDeclined() {
        Call call = callBob();
        incoming.get().hangup();
        h.settle();
        assertThat(call.ended().join().status()).isEqualTo(603);
    }

    @Test
    void noListenerMeans480() {
        UserAgent carol = h.ua("sip:carol@127.0.0.1:5063", 5063);
        Call call = alice.call("sip:carol@127.0.0.1:5063", null);
        h.settle();
        assertThat(call.ended().join().status()).isEqualTo(480);
        assertThat(carol.activeCalls()).isZero();
    }

    @Test
    void unreachablePeerTimesOutWith408() {
        Call call = alice.call("sip:nobody@127.0.0.1:5099", null);
        h.run(31_000);
        assertThat(call.state()).isEqualTo(CallState.TRYING);
        h.run(1_000); // Timer B = 64*T1
        assertThat(call.ended().join().status()).isEqualTo(408);
        assertThat(h.net.count("INVITE")).as("Timer A: 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s").isEqualTo(7);
    }

    @Test
    void redirectAnswers302WithTheContactOr300WithSeveral() {
        Call call = callBob();
        incoming.get().redirect(java.util.List.of(io.callisto.sip.uri.SipUri.parse("sip:bob@192.0.2.9:5060")));
        h.settle();
        CallEvent end = call.ended().join();
        assertThat(end.status()).isEqualTo(302);
        assertThat(end.message().header("Contact")).isEqualTo("<sip:bob@192.0.2.9:5060>");
        assertThat(h.net.count("ACK")).as("a 3xx is ACKed by the transaction").isEqualTo(1);

        incoming.set(null);
        Call second = callBob();
        incoming.get().redirect(java.util.List.of(io.callisto.sip.uri.SipUri.parse("sip:bob@192.0.2.9"),
                io.callisto.sip.uri.SipUri.parse("sip:bob@192.0.2.10")));
        h.settle();
        assertThat(second.ended().join().status()).isEqualTo(300);
        assertThat(second.ended().join().message().contacts()).hasSize(2);
    }
}
