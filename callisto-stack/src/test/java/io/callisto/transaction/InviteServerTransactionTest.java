package io.callisto.transaction;

import static io.callisto.transaction.TransactionState.ACCEPTED;
import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.CONFIRMED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 Figure 7 as replaced by RFC 6026 §8.6, transition by transition, on virtual time. */
class InviteServerTransactionTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);
    private final SipRequest invite = Sip.request("INVITE", "z9hG4bK-inv-1");

    private ServerTransaction receiveInvite(Flow flow) {
        layer.onMessage(invite, flow);
        assertThat(user.requests).hasSize(1);
        return user.last();
    }

    private void retransmit(Flow flow) {
        layer.onMessage(Sip.reparse(invite), flow);
    }

    private SipResponse response(int status) {
        return Messages.responseTo(invite, status, null, "s1");
    }

    @Test
    void sends100TryingAfter200MillisecondsWhenTheTuIsSilent() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        assertThat(tx.state()).isEqualTo(PROCEEDING);
        assertThat(tx.isInvite()).isTrue();
        assertThat(tx.request()).isSameAs(invite);
        assertThat(tx.flow()).isEqualTo(Sip.UDP_FLOW);

        time.advanceTo(199);
        assertThat(transport.responses).isEmpty();
        time.advanceTo(200);
        assertThat(transport.responseTimes(100)).containsExactly(200L);
        SipResponse trying = transport.lastResponse().response();
        assertThat(trying.to().tag()).as("§17.2.1: no To tag in the 100").isNull();
        assertThat(trying.topVia().branch()).isEqualTo("z9hG4bK-inv-1");
        assertThat(transport.lastResponse().flow()).isEqualTo(Sip.UDP_FLOW);
        assertThat(tx.hasFinalResponse()).isFalse();
    }

    @Test
    void no100WhenTheTuRespondsWithin200Milliseconds() {
        user.onNewRequest = tx -> tx.respond(response(180));
        receiveInvite(Sip.UDP_FLOW);
        time.advanceTo(10_000);
        assertThat(transport.responses).extracting(r -> r.response().status()).containsExactly(180);
    }

    @Test
    void retransmissionInProceedingResendsTheLastProvisional() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(100)).as("before 200 ms: a 100 at once").containsExactly(0L);
        time.advanceTo(300);
        assertThat(transport.responseTimes(100)).as("and not again at 200 ms").containsExactly(0L);

        assertThat(tx.respond(response(180))).isTrue();
        assertThat(tx.state()).isEqualTo(PROCEEDING);
        time.advanceTo(500);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(180)).containsExactly(300L, 500L);
        assertThat(user.requests).as("retransmissions are not passed up").hasSize(1);
    }

    @Test
    void failureResponseIsRetransmittedByTimerGUntilTimerH() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        time.advanceTo(1000);
        assertThat(tx.respond(response(486))).isTrue();
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(tx.hasFinalResponse()).isTrue();

        time.advanceTo(1000 + 31_999);
        assertThat(transport.responseTimes(486)).as("G: T1 doubling to T2").containsExactly(
                1000L, 1500L, 2500L, 4500L, 8500L, 12500L, 16500L, 20500L, 24500L, 28500L, 32500L);
        assertThat(tx.state()).isEqualTo(COMPLETED);

        time.advanceTo(1000 + 32_000); // Timer H = 64*T1
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(user.failures).hasSize(1).first().isInstanceOf(TimeoutException.class);
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void retransmissionInCompletedResendsTheFinalResponse() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        tx.respond(response(404));
        time.advanceTo(100);
        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(404)).containsExactly(0L, 100L);
        assertThat(tx.respond(response(500))).as("no second final").isFalse();
    }

    @Test
    void ackInCompletedConfirmsStopsRetransmissionsAndTimerITerminates() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        SipResponse busy = response(486);
        tx.respond(busy);
        time.advanceTo(600); // one retransmission at 500
        layer.onMessage(Sip.ack(invite, Sip.reparse(busy)), Sip.UDP_FLOW);
        assertThat(tx.state()).isEqualTo(CONFIRMED);
        assertThat(user.acks).as("absorbed").isEmpty();

        layer.onMessage(Sip.ack(invite, Sip.reparse(busy)), Sip.UDP_FLOW);
        assertThat(user.acks).as("Confirmed absorbs further ACKs").isEmpty();
        retransmit(Sip.UDP_FLOW);

        time.advanceTo(600 + 4_999);
        assertThat(transport.responseTimes(486)).containsExactly(0L, 500L);
        assertThat(tx.state()).isEqualTo(CONFIRMED);
        time.advanceTo(600 + 5_000); // Timer I = T4
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(user.failures).isEmpty();
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void successMovesToAcceptedWhereTheTuRetransmitsAndAcksGoUpUntilTimerL() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        time.advanceTo(300);
        SipResponse ok = response(200);
        assertThat(tx.respond(ok)).isTrue();
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        assertThat(tx.hasFinalResponse()).isTrue();
        assertThat(tx.request()).as("Accepted keeps neither request nor response").isNull();

        retransmit(Sip.UDP_FLOW);
        assertThat(transport.responseTimes(200)).as("INVITE retransmission absorbed").containsExactly(300L);
        assertThat(user.requests).hasSize(1);

        time.advanceTo(800);
        assertThat(tx.respond(ok)).as("RFC 6026 §8.7: the TU's 2xx retransmission goes out").isTrue();
        assertThat(transport.responseTimes(200)).containsExactly(300L, 800L);
        assertThat(tx.respond(response(486))).isFalse();
        assertThat(tx.respond(response(180))).isFalse();

        SipRequest ack = Sip.request("ACK", "sip:bob@example.com", "192.0.2.1:5060", "z9hG4bK-ack-1", "call-1", 1,
                "s1");
        layer.onMessage(ack, Sip.UDP_FLOW);
        assertThat(user.acks).as("ACK for a 2xx goes to the TU").containsExactly(ack);
        assertThat(tx.state()).isEqualTo(ACCEPTED);

        time.advanceTo(300 + 31_999);
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        assertThat(transport.responseTimes(200)).as("no retransmission by the transaction").hasSize(2);
        time.advanceTo(300 + 32_000); // Timer L = 64*T1
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();

        layer.onMessage(Sip.reparse(ack), Sip.UDP_FLOW);
        assertThat(user.acks).as("with no transaction, still to the TU").hasSize(2);
    }

    @Test
    void ackWithTheInviteBranchInAcceptedGoesToTheTu() {
        ServerTransaction tx = receiveInvite(Sip.UDP_FLOW);
        tx.respond(response(200));
        SipRequest ack = Sip.request("ACK", "sip:bob@example.com", "192.0.2.1:5060", "z9hG4bK-inv-1", "call-1", 1,
                "s1");
        layer.onMessage(ack, Sip.UDP_FLOW);
        assertThat(user.acks).containsExactly(ack);
        assertThat(tx.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void reliableTransportHasNoTimerGAndZeroTimerI() {
        ServerTransaction tx = receiveInvite(Sip.TCP_FLOW);
        SipResponse busy = response(486);
        tx.respond(busy);
        time.advanceTo(20_000);
        assertThat(transport.responseTimes(486)).containsExactly(0L);
        layer.onMessage(Sip.ack(invite, Sip.reparse(busy)), Sip.TCP_FLOW);
        assertThat(tx.state()).as("Timer I is zero").isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void timerHRunsOnReliableTransportsToo() {
        ServerTransaction tx = receiveInvite(Sip.TCP_FLOW);
        tx.respond(response(500));
        time.advanceTo(31_999);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(32_000);
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(user.failures).hasSize(1);
    }

    @Test
    void transportErrorInformsTheTuAndKeepsTheState() {
        ServerTransaction tx = receiveInvite(Sip.TCP_FLOW);
        tx.respond(response(180));
        transport.lastResponse().listener().onFailure(new IOException("reset"));
        time.runPending();
        assertThat(user.failures).hasSize(1).first().isInstanceOf(IOException.class);
        assertThat(tx.state()).as("RFC 6026 §8.8: remain in the current state").isEqualTo(PROCEEDING);

        retransmit(Sip.TCP_FLOW);
        assertThat(user.requests).as("a retransmission is still absorbed").hasSize(1);

        tx.respond(response(200));
        transport.lastResponse().listener().onFailure(new IOException("reset"));
        time.runPending();
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        time.advanceTo(32_000);
        assertThat(tx.state()).as("Timer L still ends it").isEqualTo(TERMINATED);
    }

    @Test
    void configurableT1T2T4() {
        TransactionLayer fast = new TransactionLayer(transport, time, new TimerConfig(100, 400, 1000, 32_000), user);
        fast.onMessage(invite, Sip.UDP_FLOW);
        ServerTransaction tx = user.last();
        tx.respond(response(486));
        time.advanceTo(1_500);
        assertThat(transport.responseTimes(486)).containsExactly(0L, 100L, 300L, 700L, 1100L, 1500L);
        fast.onMessage(Sip.ack(invite, Sip.reparse(response(486))), Sip.UDP_FLOW);
        time.advanceTo(2_499);
        assertThat(tx.state()).isEqualTo(CONFIRMED);
        time.advanceTo(2_500); // I = T4
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }
}
