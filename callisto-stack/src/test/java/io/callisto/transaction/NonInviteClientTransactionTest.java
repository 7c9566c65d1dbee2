package io.callisto.transaction;

import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TERMINATED;
import static io.callisto.transaction.TransactionState.TRYING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2.2 Figure 6, transition by transition, on virtual time. */
class NonInviteClientTransactionTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final RecordingListener listener = new RecordingListener();
    private TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);

    private ClientTransaction options(Destination to) {
        return layer.sendRequest(Sip.request("OPTIONS", Branch.next()), to, listener);
    }

    private void receive(SipMessage m) {
        layer.onMessage(m, Sip.UDP_FLOW);
    }

    @Test
    void tryingRetransmitsWithTimerEDoublingToT2UntilTimerFGivesALocal408() {
        ClientTransaction tx = options(Sip.UDP);
        assertThat(tx.state()).isEqualTo(TRYING);
        assertThat(tx.isInvite()).isFalse();

        time.advanceTo(31_999);
        assertThat(transport.times("OPTIONS")).as("500 ms, 1 s, 2 s, then 4 s (T2) apart")
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        time.advanceTo(32_000); // Timer F = 64*T1
        assertThat(listener.statuses()).containsExactly(408);
        assertThat(TransactionLayer.isLocal(listener.last())).isTrue();
        assertThat(listener.last().cseq().method()).isEqualTo("OPTIONS");
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void proceedingKeepsRetransmittingEveryT2() {
        ClientTransaction tx = options(Sip.UDP);
        time.advanceTo(600); // sent at 0 and 500; E due at 1500
        receive(Sip.response(tx.request(), 100, null));
        assertThat(tx.state()).isEqualTo(PROCEEDING);
        assertThat(listener.statuses()).containsExactly(100);

        receive(Sip.response(tx.request(), 180, null));
        assertThat(listener.statuses()).containsExactly(100, 180);

        time.advanceTo(14_000);
        assertThat(transport.times("OPTIONS")).as("§17.1.2.2: in Proceeding, E is reset to T2")
                .containsExactly(0L, 500L, 1500L, 5500L, 9500L, 13500L);
        time.advanceTo(32_000); // Timer F in Proceeding
        assertThat(listener.statuses()).containsExactly(100, 180, 408);
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }

    @Test
    void finalResponseCompletesAbsorbsRetransmissionsAndTimerKTerminates() {
        ClientTransaction tx = options(Sip.UDP);
        time.advanceTo(700);
        receive(Sip.response(tx.request(), 100, null));
        SipResponse ok = Sip.response(tx.request(), 200, "b1");
        receive(ok);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(listener.statuses()).containsExactly(100, 200);

        receive(Sip.response(tx.request(), 200, "b1"));
        receive(Sip.response(tx.request(), 500, "b1"));
        assertThat(listener.statuses()).as("Completed absorbs").containsExactly(100, 200);
        assertThat(user.strays).isEmpty();

        time.advanceTo(700 + 4_999);
        assertThat(transport.times("OPTIONS")).containsExactly(0L, 500L);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(700 + 5_000); // Timer K = T4
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void finalResponseInTryingCompletesToo() {
        ClientTransaction tx = options(Sip.UDP);
        receive(Sip.response(tx.request(), 404, "b1"));
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(transport.requests("ACK")).as("no ACK outside INVITE").isEmpty();
    }

    @Test
    void reliableTransportHasNoTimerEAndZeroTimerK() {
        ClientTransaction tx = options(Sip.TCP);
        time.advanceTo(10_000);
        assertThat(transport.times("OPTIONS")).containsExactly(0L);
        receive(Sip.response(tx.request(), 200, "b1"));
        assertThat(listener.statuses()).containsExactly(200);
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(time.pendingTimers()).isZero();

        RecordingListener second = new RecordingListener();
        ClientTransaction silent = layer.sendRequest(Sip.request("OPTIONS", Branch.next()), Sip.TCP, second);
        time.advanceTo(10_000 + 32_000);
        assertThat(second.statuses()).as("Timer F runs on every transport").containsExactly(408);
        assertThat(silent.state()).isEqualTo(TERMINATED);
    }

    @Test
    void transportErrorGivesALocal503() {
        ClientTransaction tx = options(Sip.UDP);
        receive(Sip.response(tx.request(), 100, null));
        time.advanceTo(1500); // a retransmission in Proceeding
        transport.sent.get(transport.sent.size() - 1).listener().onFailure(new IOException("unreachable"));
        time.runPending();
        assertThat(listener.statuses()).containsExactly(100, 503);
        assertThat(TransactionLayer.isLocal(listener.last())).isTrue();
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void transportErrorAfterCompletedIsIgnored() {
        ClientTransaction tx = options(Sip.UDP);
        receive(Sip.response(tx.request(), 200, "b1"));
        transport.sent.get(0).listener().onFailure(new IOException("late"));
        time.runPending();
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(listener.statuses()).containsExactly(200);
    }

    @Test
    void configurableT1T2T4() {
        layer = new TransactionLayer(transport, time, new TimerConfig(100, 400, 1000, 32_000), user);
        ClientTransaction tx = options(Sip.UDP);
        time.advanceTo(2_000);
        assertThat(transport.times("OPTIONS")).containsExactly(0L, 100L, 300L, 700L, 1100L, 1500L, 1900L);
        receive(Sip.response(tx.request(), 200, "b1"));
        time.advanceTo(2_999);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(3_000); // K = T4 = 1 s
        assertThat(tx.state()).isEqualTo(TERMINATED);

        RecordingListener second = new RecordingListener();
        layer.sendRequest(Sip.request("OPTIONS", Branch.next()), Sip.UDP, second);
        time.advanceTo(3_000 + 6_399);
        assertThat(second.responses).isEmpty();
        time.advanceTo(3_000 + 6_400); // F = 64*T1
        assertThat(second.statuses()).containsExactly(408);
    }
}
