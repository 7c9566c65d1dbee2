package io.callisto.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Transport;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layer's API: sending, stateless sends, local responses, owners and tables, branches. */
class TransactionLayerTest {

    private final VirtualTime time = new VirtualTime();
    private final RecordingTransport transport = new RecordingTransport(time);
    private final RecordingUser user = new RecordingUser();
    private final RecordingListener listener = new RecordingListener();
    private final TransactionLayer layer = new TransactionLayer(transport, time, TimerConfig.DEFAULT, user);

    @Test
    void sendRequestRejectsAckAndRequestsWithoutACookieBranch() {
        assertThatThrownBy(() -> layer.sendRequest(Sip.request("ACK", Branch.next()), Sip.UDP, listener))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.sendRequest(Sip.request("OPTIONS", "old-style"), Sip.UDP, listener))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layer.sendRequest(Sip.request("OPTIONS", null), Sip.UDP, listener))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(transport.sent).isEmpty();
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void sendRequestRefusesADuplicateOfALiveTransaction() {
        SipRequest options = Sip.request("OPTIONS", Branch.next());
        ClientTransaction tx = layer.sendRequest(options, Sip.UDP, listener);
        assertThatThrownBy(() -> layer.sendRequest(Sip.reparse(options), Sip.UDP, listener))
                .isInstanceOf(IllegalStateException.class);
        tx.terminate();
        layer.sendRequest(Sip.reparse(options), Sip.UDP, listener);
        assertThat(layer.activeTransactions()).isEqualTo(1);
    }

    @Test
    void theTransportPreparesTheRequestAndItsChoiceIsUsedForEverySend() {
        transport.switchTo = Transport.TCP; // §18.1.1: a large request moves to TCP
        SipRequest invite = Sip.request("INVITE", Branch.next());
        ClientTransaction tx = layer.sendRequest(invite, Sip.UDP, listener);
        assertThat(transport.prepared).containsExactly(Sip.UDP);
        assertThat(tx.destination().transport()).isEqualTo(Transport.TCP);
        time.advanceTo(10_000);
        assertThat(transport.times("INVITE")).as("reliable now: no Timer A").containsExactly(0L);
        layer.onMessage(Sip.response(invite, 404, "b"), Sip.TCP_FLOW);
        assertThat(transport.requests("ACK").get(0).destination().transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void statelessSendsArePreparedAndUntracked() {
        SipRequest ack = Sip.request("ACK", Branch.next());
        layer.sendStateless(ack, Sip.UDP);
        assertThat(transport.prepared).containsExactly(Sip.UDP);
        assertThat(transport.sent).singleElement().satisfies(s -> {
            assertThat(s.message()).isSameAs(ack);
            assertThat(s.listener()).isNull();
        });

        SipResponse ok = Messages.responseTo(Sip.request("OPTIONS", "z9hG4bK-x"), 200);
        layer.sendResponseStateless(ok);
        assertThat(transport.responses).singleElement().satisfies(r -> {
            assertThat(r.response()).isSameAs(ok);
            assertThat(r.flow()).isNull();
            assertThat(r.listener()).isNull();
        });
        time.advanceTo(64_000);
        assertThat(transport.sent).hasSize(1);
        assertThat(layer.activeTransactions()).isZero();
    }

    @Test
    void onlyLocallyMadeResponsesAreLocal() {
        layer.sendRequest(Sip.request("OPTIONS", Branch.next()), Sip.UDP, listener);
        time.advanceTo(32_000);
        SipResponse local = listener.last();
        assertThat(local.status()).isEqualTo(408);
        assertThat(local.reason()).isEqualTo("Request Timeout");
        assertThat(TransactionLayer.isLocal(local)).isTrue();
        assertThat(TransactionLayer.isLocal(local.copy())).as("a copy is an ordinary message").isFalse();

        SipResponse remote = Sip.response(Sip.request("OPTIONS", "z9hG4bK-y"), 408, "t");
        assertThat(remote.reason()).isEqualTo("Request Timeout");
        assertThat(TransactionLayer.isLocal(remote)).isFalse();
        SipResponse built = Messages.responseTo(Sip.request("OPTIONS", "z9hG4bK-y"), 503);
        assertThat(TransactionLayer.isLocal(built)).isFalse();
    }

    @Test
    void eachOwnerHasItsTableAndRunsItsTimers() {
        VirtualTime[] clocks = {new VirtualTime(), new VirtualTime(), new VirtualTime(), new VirtualTime()};
        Owners owners = new Owners() {
            @Override
            public int size() {
                return clocks.length;
            }

            @Override
            public Owner get(int index) {
                return clocks[index];
            }
        };
        TransactionLayer multi = new TransactionLayer(transport, owners, TimerConfig.DEFAULT, user);
        int[] perOwner = new int[clocks.length];
        for (int i = 0; i < 40; i++) {
            String callId = "call-" + i + "@example.com";
            SipRequest r = Sip.request("OPTIONS", "sip:bob@example.com", "192.0.2.1:5060", Branch.next(), callId, 1,
                    null);
            multi.sendRequest(r, Sip.UDP, listener);
            perOwner[Owners.indexOf(callId, clocks.length)]++;
        }
        assertThat(multi.activeTransactions()).isEqualTo(40);
        assertThat(Arrays.stream(perOwner).filter(n -> n > 0).count()).as("spread over owners").isGreaterThan(1);
        for (int i = 0; i < clocks.length; i++) {
            assertThat(clocks[i].pendingTimers()).as("E and F of each transaction on owner " + i)
                    .isEqualTo(2 * perOwner[i]);
        }
        for (VirtualTime c : clocks) {
            c.advanceTo(32_000);
        }
        assertThat(listener.statuses()).hasSize(40).containsOnly(408);
        assertThat(multi.activeTransactions()).isZero();
    }

    @Test
    void branchesCarryTheCookieAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String b = Branch.next();
            assertThat(b).startsWith("z9hG4bK").hasSize(27).matches("z9hG4bK[0-9a-v]{20}");
            seen.add(b);
        }
        assertThat(seen).hasSize(10_000);
    }
}
