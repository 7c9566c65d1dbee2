package io.callisto.transaction;

import static io.callisto.transaction.TransactionState.ACCEPTED;
import static io.callisto.transaction.TransactionState.CALLING;
import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1.2 Figure 5 as replaced by RFC 6026 §8.4, transition by transition, on virtual time. */
class InviteClientTransactionTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final RecordingListener listener = new RecordingListener();
    private TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);

    private ClientTransaction invite(Destination to) {
        return layer.sendRequest(Sip.request("INVITE", Branch.next()), to, listener);
    }

    private void receive(SipMessage m) {
        layer.onMessage(m, Sip.UDP_FLOW);
    }

    @Test
    void callingRetransmitsWithTimerADoublingUntilTimerBGivesALocal408() {
        ClientTransaction tx = invite(Sip.UDP);
        assertThat(tx.state()).isEqualTo(CALLING);
        assertThat(tx.isInvite()).isTrue();

        time.advanceTo(31_999);
        assertThat(transport.times("INVITE")).containsExactly(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L);
        assertThat(listener.responses).isEmpty();

        time.advanceTo(32_000); // Timer B = 64*T1
        assertThat(listener.statuses()).containsExactly(408);
        assertThat(TransactionLayer.isLocal(listener.last())).isTrue();
        assertThat(listener.last().cseq().method()).isEqualTo("INVITE");
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(transport.requests("ACK")).as("§17.1.1.2: no ACK on timeout").isEmpty();
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void everyRetransmissionIsTheSameRequestToTheSameDestination() {
        ClientTransaction tx = invite(Sip.UDP);
        time.advanceTo(4000);
        assertThat(transport.requests("INVITE")).hasSize(4)
                .allSatisfy(s -> {
                    assertThat(s.message()).isSameAs(tx.request());
                    assertThat(s.destination()).isEqualTo(Sip.UDP);
                });
    }

    @Test
    void provisionalMovesToProceedingAndStopsRetransmissionsAndTimerB() {
        ClientTransaction tx = invite(Sip.UDP);
        time.advanceTo(600);
        receive(Sip.response(tx.request(), 180, "b1"));
        assertThat(tx.state()).isEqualTo(PROCEEDING);
        assertThat(listener.statuses()).containsExactly(180);

        receive(Sip.response(tx.request(), 183, "b1"));
        assertThat(listener.statuses()).as("further 1xx go to the TU").containsExactly(180, 183);

        time.advanceTo(120_000);
        assertThat(transport.times("INVITE")).containsExactly(0L, 500L);
        assertThat(tx.state()).as("Timer B only applies in Calling").isEqualTo(PROCEEDING);
        assertThat(listener.statuses()).containsExactly(180, 183);
    }

    @Test
    void finalFailureInCallingAcksAndCompletesThenTimerDTerminates() {
        ClientTransaction tx = invite(Sip.UDP);
        time.advanceTo(100);
        SipResponse busy = Sip.response(tx.request(), 486, "b1");
        receive(busy);

        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(listener.statuses()).containsExactly(486);
        List<RecordingTransport.Sent> acks = transport.requests("ACK");
        assertThat(acks).hasSize(1);
        SipRequest ack = acks.get(0).request();
        assertThat(acks.get(0).destination()).as("§17.1.1.2: same address, port, transport").isEqualTo(Sip.UDP);
        assertThat(ack.to().tag()).isEqualTo("b1");
        assertThat(ack.cseq().method()).isEqualTo("ACK");
        assertThat(ack.cseq().number()).isEqualTo(tx.request().cseq().number());
        assertThat(ack.topVia().branch()).isEqualTo(tx.branch());
        assertThat(ack.vias()).hasSize(1);
        assertThat(ack.requestUriText()).isEqualTo(tx.request().requestUriText());

        time.advanceTo(5000);
        assertThat(transport.times("INVITE")).as("no retransmission after the final").containsExactly(0L);

        receive(Sip.response(tx.request(), 486, "b1")); // retransmission of the final response
        assertThat(transport.requests("ACK")).hasSize(2);
        assertThat(listener.statuses()).as("not passed up again").containsExactly(486);

        time.advanceTo(100 + 31_999);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(100 + 32_000); // Timer D
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void finalFailureInProceedingCompletes() {
        ClientTransaction tx = invite(Sip.UDP);
        receive(Sip.response(tx.request(), 180, "b1"));
        receive(Sip.response(tx.request(), 603, "b1"));
        assertThat(tx.state()).isEqualTo(COMPLETED);
        assertThat(listener.statuses()).containsExactly(180, 603);
        assertThat(transport.requests("ACK")).hasSize(1);
    }

    @Test
    void timerDIsConfigurable() {
        layer = new TransactionLayer(transport, time, new TimerConfig(500, 4000, 5000, 40_000), user);
        ClientTransaction tx = invite(Sip.UDP);
        receive(Sip.response(tx.request(), 404, "b1"));
        time.advanceTo(39_999);
        assertThat(tx.state()).isEqualTo(COMPLETED);
        time.advanceTo(40_000);
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }

    @Test
    void successMovesToAcceptedWhereEvery2xxGoesToTheTuUntilTimerM() {
        ClientTransaction tx = invite(Sip.UDP);
        time.advanceTo(1000);
        receive(Sip.response(tx.request(), 200, "b1"));
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        assertThat(listener.statuses()).containsExactly(200);
        assertThat(transport.requests("ACK")).as("RFC 6026 §7.2: the TU ACKs a 2xx").isEmpty();

        receive(Sip.response(tx.request(), 200, "b1")); // retransmission
        receive(Sip.response(tx.request(), 200, "b2")); // another branch of a fork
        assertThat(listener.statuses()).containsExactly(200, 200, 200);
        assertThat(listener.responses.get(2).to().tag()).isEqualTo("b2");

        receive(Sip.response(tx.request(), 180, "b3"));
        receive(Sip.response(tx.request(), 486, "b4"));
        assertThat(listener.statuses()).as("only 2xx in Accepted").hasSize(3);
        assertThat(transport.requests("ACK")).isEmpty();

        time.advanceTo(1000 + 32_000 - 1);
        assertThat(transport.times("INVITE")).containsExactly(0L, 500L);
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        time.advanceTo(1000 + 32_000); // Timer M = 64*T1
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.terminated).isEqualTo(1);

        SipResponse late = Sip.response(tx.request(), 200, "b1");
        receive(late);
        assertThat(user.strays).as("§17.1.1.2: no transaction, straight to the core").containsExactly(late);
        assertThat(listener.responses).hasSize(3);
    }

    @Test
    void inAcceptedTheRequestReadsAsBeforeThoughItsParsedValuesWereLetGo() {
        ClientTransaction tx = invite(Sip.UDP);
        String uri = tx.request().requestUri().toString();
        String branch = tx.request().topVia().branch();
        String text = new String(tx.request().toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        receive(Sip.response(tx.request(), 200, "b1"));
        assertThat(tx.state()).isEqualTo(ACCEPTED);

        assertThat(tx.request().requestUri().toString()).isEqualTo(uri);
        assertThat(tx.request().topVia().branch()).isEqualTo(branch);
        assertThat(new String(tx.request().toBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
        receive(Sip.response(tx.request(), 200, "b1")); // a retransmission still matches by the re-read branch
        assertThat(listener.statuses()).containsExactly(200, 200);
    }

    @Test
    void successInProceedingIsAcceptedToo() {
        ClientTransaction tx = invite(Sip.UDP);
        receive(Sip.response(tx.request(), 180, "b1"));
        receive(Sip.response(tx.request(), 200, "b1"));
        assertThat(tx.state()).isEqualTo(ACCEPTED);
    }

    @Test
    void reliableTransportHasNoTimerAButTimerBAndZeroTimerD() {
        ClientTransaction tx = invite(Sip.TCP);
        time.advanceTo(31_999);
        assertThat(transport.times("INVITE")).containsExactly(0L);
        time.advanceTo(32_000);
        assertThat(listener.statuses()).containsExactly(408);

        RecordingListener second = new RecordingListener();
        ClientTransaction tx2 = layer.sendRequest(Sip.request("INVITE", Branch.next()), Sip.TCP, second);
        receive(Sip.response(tx2.request(), 486, "b1"));
        assertThat(transport.requests("ACK")).as("§17.1.1.2: ACK even when reliable").hasSize(1);
        assertThat(transport.requests("ACK").get(0).destination()).isEqualTo(Sip.TCP);
        assertThat(tx2.state()).as("Timer D is zero on reliable transports").isEqualTo(TERMINATED);
        assertThat(second.statuses()).containsExactly(486);
        assertThat(second.terminated).isEqualTo(1);
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void transportErrorInCallingGivesALocal503AfterTheCallReturns() {
        transport.failSends = new IllegalStateException("connection refused");
        ClientTransaction tx = invite(Sip.TCP);
        assertThat(listener.responses).as("never from inside sendRequest").isEmpty();
        assertThat(tx.state()).isEqualTo(CALLING);

        time.runPending();
        assertThat(listener.statuses()).containsExactly(503);
        assertThat(TransactionLayer.isLocal(listener.last())).isTrue();
        assertThat(listener.terminated).isEqualTo(1);
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();
        assertThat(time.pendingTimers()).isZero();
    }

    @Test
    void transportErrorReportedOnAnotherThreadIsHandledOnTheOwner() throws Exception {
        ClientTransaction tx = invite(Sip.UDP);
        RecordingTransport.Sent first = transport.sent.get(0);
        Thread io = new Thread(() -> first.listener().onFailure(new IOException("ICMP port unreachable")));
        io.start();
        io.join(10_000);
        assertThat(listener.responses).isEmpty();
        time.runPending();
        assertThat(listener.statuses()).containsExactly(503);
        assertThat(tx.state()).isEqualTo(TERMINATED);
    }

    @Test
    void transportErrorInCompletedTerminatesWithoutAnotherResponse() {
        ClientTransaction tx = invite(Sip.UDP);
        receive(Sip.response(tx.request(), 486, "b1"));
        RecordingTransport.Sent ack = transport.requests("ACK").get(0);
        ack.listener().onFailure(new IOException("gone"));
        time.runPending();
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(listener.statuses()).containsExactly(486);
        assertThat(listener.terminated).isEqualTo(1);
    }

    @Test
    void transportErrorInAcceptedChangesNothing() {
        ClientTransaction tx = invite(Sip.UDP);
        receive(Sip.response(tx.request(), 200, "b1"));
        transport.sent.get(0).listener().onFailure(new IOException("late"));
        time.runPending();
        assertThat(tx.state()).isEqualTo(ACCEPTED);
        assertThat(listener.statuses()).containsExactly(200);
    }

    @Test
    void terminateByTheTuEndsSilently() {
        ClientTransaction tx = invite(Sip.UDP);
        tx.terminate();
        assertThat(tx.state()).isEqualTo(TERMINATED);
        assertThat(layer.activeTransactions()).isZero();
        time.advanceTo(64_000);
        assertThat(transport.times("INVITE")).containsExactly(0L);
        assertThat(listener.responses).isEmpty();
        assertThat(listener.terminated).isZero();
        SipResponse r = Sip.response(tx.request(), 180, "b1");
        receive(r);
        assertThat(user.strays).containsExactly(r);
    }

    @Test
    void configurableT1ScalesTimersAAndB() {
        layer = new TransactionLayer(transport, time, new TimerConfig(100, 400, 1000, 32_000), user);
        invite(Sip.UDP);
        time.advanceTo(6_399);
        assertThat(transport.times("INVITE")).containsExactly(0L, 100L, 300L, 700L, 1500L, 3100L, 6300L);
        assertThat(listener.responses).isEmpty();
        time.advanceTo(6_400);
        assertThat(listener.statuses()).containsExactly(408);
    }
}
