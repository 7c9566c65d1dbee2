package io.callisto.transaction;

import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TERMINATED;
import static io.callisto.transaction.TransactionState.TRYING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2 Figure 8, transition by transition, on virtual time. */
class NonInviteServerTransactionTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);
    private final SipRequest register = Sip.request("REGISTER", "z9hG4bK-reg-1");

    private ServerTransaction receive(Flow flow) {
        layer.onMessage(register, flow);
        return user.last();
    }

    private void retransmit(Flow flow) {
        layer.onMessage(Sip.reparse(register), flow);
    }

    private SipResponse response(int status) {
        return Messages.responseTo(register, status, null, "s1");
    }

    @Test
    void tryingDiscardsRetransmissionsAndSendsNothingByItself() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        assertThat(tx.state()).isEqualTo(TRYING);
        assertThat(tx.isInvite()).isFalse();
        assertThat(tx.cancelTarget()).isNull();
        retransmit(Sip.UDP_FLOW);
        time.advanceTo(10_000);
        assertThat(transport.responses).as("no automatic 100 outside INVITE").isEmpty();
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void provisionalMovesToProceedingWhereRetransmissionsGetIt() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        assertThat(tx.respond(response(100))).isTrue();
        assertThat(tx.state()).isEqualTo(PROCEEDING);
        time.advanceTo(500);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(100)).containsExactly(0L, 500L);
        assertThat(tx.respond(response(183))).isTrue();
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(183)).containsExactly(500L, 500L);
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void finalResponseCompletesResentOnRetransmissionUntilTimerJ() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        assertThat(layer.transactionObjects()).isEqualTo(1);
        time.advanceTo(100);
        assertThat(tx.respond(response(200))).isTrue();
        assertThat(tx.state()).isEqualTo(COMPLETED);
        // it waits for Timer J in the compact store: still a live transaction, no longer an object to count
        assertThat(layer.activeTransactions()).isEqualTo(1);
        assertThat(layer.transactionObjects()).isZero();
        assertThat(tx.hasFinalResponse()).isTrue();
        assertThat(tx.respond(response(500))).as("§17.2.2: other finals discarded").isFalse();
        assertThat(tx.respond(response(180))).isFalse();

        time.advanceTo(1100);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(200)).containsExactly(100L, 1100L);
        assertThat(transport.responseTimes(500)).isEmpty();

        time.advanceTo(100 + 31_999);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(transport.responseTimes(200)).as("no retransmission timer").hasSize(2);
        time.advanceTo(100 + 32_000); // Timer J = 64*T1
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();

        retransmit(Sip.UDP_FLOW);
        assertThat(user.requests).as("after J the request is new again").hasSize(2);
    }

    @Test
    void completedKeepsOnlyWhatRetransmissionsNeed() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        tx.respond(response(486));
        assertThat(tx.request()).as("the request is let go while the transaction waits for Timer J").isNull();
        byte[] first = transport.lastResponse().response().toBytes();
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responses).hasSize(2);
        assertThat(transport.lastResponse().response().toBytes()).isEqualTo(first);
        assertThat(transport.lastResponse().flow()).isEqualTo(Sip.UDP_FLOW);
        assertThat(user.requests).hasSize(1);
    }

    @Test
    void finalFromProceedingCompletes() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        tx.respond(response(100));
        tx.respond(response(404));
        assertThat(tx.state()).isEqualTo(COMPLETED);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.lastResponse().response().status()).isEqualTo(404);
    }

    @Test
    void reliableTransportHasZeroTimerJ() {
        ServerTransaction tx = receive(Sip.TCP_FLOW);
        tx.respond(response(200));
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
        assertThat(transport.lastResponse().flow()).isEqualTo(Sip.TCP_FLOW);
    }

    @Test
    void reliabilityComesFromTheViaWhenTheFlowIsUnknown() {
        SipRequest overTcp = Sip.reparse(register);
        overTcp.set(Headers.VIA, Via.of("TCP", "192.0.2.1", 5060, "z9hG4bK-reg-tcp"));
        layer.onMessage(overTcp, null);
        ServerTransaction tx = user.last();
        tx.respond(Messages.responseTo(overTcp, 200, null, "s1"));
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }

    @Test
    void transportErrorInformsTheTuAndKeepsTheState() {
        ServerTransaction tx = receive(Sip.UDP_FLOW);
        tx.respond(response(200));
        transport.lastResponse().listener().onFailure(new IOException("unreachable"));
        time.runPending();
        assertThat(user.failures).hasSize(1);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(32_000);
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }
}
