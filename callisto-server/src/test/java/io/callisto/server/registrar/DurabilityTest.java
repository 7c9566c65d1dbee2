package io.callisto.server.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.Owners;
import io.callisto.server.testing.ControlledStore.Mode;
import io.callisto.server.testing.Reg;
import io.callisto.server.testing.ServerHarness;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The 200 goes out only once the store's write is durable; failed and slow writes; per-AoR serialization of
 * REGISTERs that arrive on different owners; the expiry sweep.
 */
class DurabilityTest {

    private static final String AOR = "sip:alice@example.com";

    private static Reg reg(String callId, long cseq) {
        return Reg.register().callId(callId).cseq(cseq);
    }

    @Test
    void theOkWaitsForTheStore() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"));
        h.store.mode = Mode.HOLD;

        SipResponse r = h.send(reg("c1", 1).contact("<sip:a@192.0.2.4>"));

        assertThat(r).isNull();
        assertThat(h.transport.responses).isEmpty();
        assertThat(h.store.heldCount()).isEqualTo(1);

        h.store.release();
        h.runAll();
        assertThat(h.transport.responses).singleElement().satisfies(ok -> {
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.all(Headers.CONTACT)).hasSize(1);
        });
    }

    @Test
    void aFailedWriteIsAnswered500AndLeavesNothing() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"));
        h.store.mode = Mode.FAIL;

        SipResponse r = h.send(reg("c1", 1).contact("<sip:a@192.0.2.4>"));

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.reason()).contains("not stored");
        assertThat(h.store.lookup(AOR)).isEmpty();
    }

    @Test
    void aStoreThatThrowsIsAnswered500() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"));
        h.store.mode = Mode.THROW;

        assertThat(h.send(reg("c1", 1).contact("<sip:a@192.0.2.4>")).status()).isEqualTo(500);

        h.store.mode = Mode.IMMEDIATE; // the AoR is not stuck
        assertThat(h.send(reg("c1", 2).contact("<sip:a@192.0.2.4>")).status()).isEqualTo(200);
    }

    @Test
    void aStoreThatNeverAnswersTimesOutWith500AndTheNextRequestRunsAfterIt() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n").withStoreTimeout(Duration.ofSeconds(2)));
        h.store.mode = Mode.HOLD;
        h.send(reg("c1", 1).contact("<sip:a@192.0.2.4>"));
        h.send(reg("c2", 1).contact("<sip:b@192.0.2.4>"));
        assertThat(h.store.updates).hasSize(1); // the second waits for the first

        h.advance(1999);
        assertThat(h.transport.responses).isEmpty();
        h.advance(1);
        assertThat(h.transport.responses).extracting(SipResponse::status).containsExactly(500, 500);

        // the late write lands; only then does the queue move on (the second already answered: skipped)
        h.store.release();
        h.runAll();
        assertThat(h.store.updates).hasSize(1);
        h.store.mode = Mode.IMMEDIATE;
        assertThat(h.send(reg("c3", 1).contact("<sip:c@192.0.2.4>")).status()).isEqualTo(200);
        assertThat(h.store.lookup(AOR)).hasSize(2);
        assertThat(h.transport.responses).hasSize(3);
    }

    @Test
    void registersForOneAorAreSerializedAcrossOwners() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"), 3);
        int aorOwner = Owners.indexOf(AOR, 3);
        String callA = callIdOn(h, (aorOwner + 1) % 3);
        String callB = callIdOn(h, (aorOwner + 2) % 3);
        h.store.mode = Mode.HOLD;

        h.deliver(reg(callA, 1).contact("<sip:a@192.0.2.4>").build(), ServerHarness.UDP);
        h.deliver(reg(callB, 1).contact("<sip:b@192.0.2.4>").build(), ServerHarness.UDP);
        h.times[(aorOwner + 1) % 3].runPending();
        h.times[(aorOwner + 2) % 3].runPending();
        assertThat(h.store.updates).isEmpty(); // the change runs on the AoR's owner, not the transactions'

        h.runAll();
        assertThat(h.store.updates).hasSize(1); // the second waits for the first write to be durable
        assertThat(h.transport.responses).isEmpty();

        h.store.release();
        h.runAll();
        assertThat(h.store.updates).hasSize(2);
        assertThat(h.transport.responses).hasSize(1);
        // the second merge saw the first binding: its 200 will list both
        assertThat(h.store.updates.get(1).upserts()).hasSize(1);

        h.store.release();
        h.runAll();
        assertThat(h.transport.responses).hasSize(2);
        SipResponse second = h.transport.responses.get(1);
        assertThat(second.callId()).isEqualTo(callB);
        assertThat(second.all(Headers.CONTACT)).hasSize(2);
        assertThat(h.store.lookup(AOR)).hasSize(2);
    }

    @Test
    void tooManyWaitingRegistersForOneAorGet503() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n"));
        h.store.mode = Mode.HOLD;
        for (int i = 0; i < 18; i++) {
            h.deliver(reg("c" + i, 1).contact("<sip:a" + i + "@192.0.2.4>").build(), ServerHarness.UDP);
        }
        h.runAll();

        assertThat(h.transport.responses).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("5");
        });
        while (h.store.release()) {
            h.runAll();
        }
        assertThat(h.transport.responses).extracting(SipResponse::status).filteredOn(s -> s == 200).hasSize(17);
    }

    @Test
    void expiredBindingsAreRemovedByTheTimer() {
        ServerHarness h = new ServerHarness(RegistrarConfig.defaults("n").withExpires(60, 3600, 3600)
                .withSweepInterval(Duration.ofSeconds(10)));
        h.registrar.start(); // sweeps at 10 s, 20 s, ...
        h.advance(5_000);
        h.send(reg("c1", 1).contact("<sip:a@192.0.2.4>").expires(60));
        h.send(reg("c2", 1).contact("<sip:b@192.0.2.4>").expires(600));

        h.advance(60_000); // 65 s: the first expired; the sweep at 60 s found nothing
        assertThat(h.store.bindingCount()).isEqualTo(2); // expired but not yet swept (the lookup hides it)
        assertThat(h.store.lookup(AOR)).hasSize(1);
        h.advance(5_000); // the sweep at 70 s
        assertThat(h.store.bindingCount()).isEqualTo(1);

        h.registrar.stop();
        h.advance(600_000);
        assertThat(h.store.bindingCount()).isEqualTo(1); // stopped: nothing swept
        assertThat(h.times[0].pendingTimers()).isZero();
    }

    /** A Call-ID whose owner is {@code index}. */
    private static String callIdOn(ServerHarness h, int index) {
        for (int i = 0; ; i++) {
            String id = "call-" + i;
            if (Owners.indexOf(id, h.times.length) == index) {
                return id;
            }
        }
    }
}
