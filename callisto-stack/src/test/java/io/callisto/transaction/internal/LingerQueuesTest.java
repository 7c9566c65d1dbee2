package io.callisto.transaction.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.VirtualTime;
import io.callisto.transaction.TimerConfig;
import io.callisto.transaction.TransactionState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The waiting states' end (Timers D, I, J, K, L, M) through {@link LingerQueues}, on virtual time. */
class LingerQueuesTest {

    private final VirtualTime time = new VirtualTime();
    private final TransactionTable table = new TransactionTable(time, null, TimerConfig.DEFAULT, null, 4);
    private final LingerQueues queues = table.lingering();
    /** (name, time) of every lingerEnded call, in order. */
    private final List<String> ended = new ArrayList<>();

    /** A machine that records when its waiting state ends. */
    private final class Waiter extends TransactionMachine {
        private final String name;

        Waiter(TransactionTable table, String name) {
            super(table, TransactionState.COMPLETED);
            this.name = name;
        }

        @Override
        void lingerEnded() {
            ended.add(name + "@" + time.nowMillis());
        }
    }

    private Waiter waitFor(String name, long millis) {
        Waiter w = new Waiter(table, name);
        w.lingerFor(millis);
        return w;
    }

    @Test
    void eachEndsAtItsOwnTimeWhenTheyAreSpacedOut() {
        waitFor("a", 32_000);
        time.advanceTo(100);
        waitFor("b", 32_000);
        time.advanceTo(32_000 - 1);
        assertThat(ended).isEmpty();
        time.advanceTo(32_000);
        assertThat(ended).containsExactly("a@32000");
        time.advanceTo(32_100);
        assertThat(ended).containsExactly("a@32000", "b@32100");
        assertThat(queues.size()).isZero();
        assertThat(time.pendingTimers()).as("no sweep armed once empty").isZero();
    }

    @Test
    void underLoadOneSweepEndsSeveralAndNoneEndsEarly() {
        for (int i = 0; i < 10; i++) {
            time.advanceTo(i); // one every millisecond
            waitFor("t" + i, 5_000);
        }
        assertThat(time.pendingTimers()).as("one sweep for all of them").isEqualTo(1);
        time.advanceTo(5_000);
        assertThat(ended).containsExactly("t0@5000");
        time.advanceTo(5_000 + LingerQueues.GRAIN_MILLIS);
        assertThat(ended).as("the next sweep waits a grain: t1..t5 end together, none before its time")
                .containsExactly("t0@5000", "t1@5005", "t2@5005", "t3@5005", "t4@5005", "t5@5005");
        time.advanceTo(6_000);
        assertThat(ended).hasSize(10).endsWith("t9@5010");
    }

    @Test
    void aMachineThatLeftItsWaitingStateIsSkipped() {
        Waiter gone = waitFor("gone", 32_000);
        waitFor("kept", 32_000);
        gone.cancelTimers();
        time.advanceTo(40_000);
        assertThat(ended).containsExactly("kept@32000");
    }

    @Test
    void differentDurationsKeepTheirOwnOrder() {
        waitFor("j", 32_000);
        waitFor("k", 5_000);
        time.advanceTo(1_000);
        waitFor("i", 5_000);
        time.advanceTo(40_000);
        assertThat(ended).containsExactly("k@5000", "i@6000", "j@32000");
    }
}
