package io.callisto.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.Cancellable;
import io.callisto.exec.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MediaClockTest {

    private final VirtualTime vt = new VirtualTime();
    private final MediaClock clock = new MediaClock(vt);

    private Cancellable record(List<Long> times) {
        return clock.add(() -> times.add(vt.nowMillis()));
    }

    @Test
    void oneTimerTicksEverySessionEveryTwentyMillisecondsInItsOwnSlot() {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        Cancellable ca = record(a);
        record(b);
        vt.advance(1000);
        assertThat(a).hasSize(50).startsWith(20L, 40L, 60L).endsWith(1000L);
        assertThat(b).hasSize(49).startsWith(21L, 41L).endsWith(981L); // the next slot, 1 ms later
        assertThat(vt.pendingTimers()).isEqualTo(1); // one timer for all sessions
        ca.cancel();
        vt.advance(100);
        assertThat(a).hasSize(50);
        assertThat(b).hasSize(54).endsWith(1081L);
        assertThat(clock.ticks()).isEqualTo(54);
    }

    @Test
    void spreadsManySessionsEvenlyOverThePeriod() {
        int n = 1000;
        List<List<Long>> times = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Long> t = new ArrayList<>();
            times.add(t);
            record(t);
        }
        vt.advance(2000);
        assertThat(clock.slotLoads()).containsOnly(n / MediaClock.SLOTS);
        int[] perMillisecond = new int[MediaClock.TICK_MILLIS];
        for (List<Long> t : times) {
            assertThat(t).hasSizeBetween(99, 100);
            for (int i = 1; i < t.size(); i++) {
                assertThat(t.get(i) - t.get(i - 1)).isEqualTo(MediaClock.TICK_MILLIS); // steady 20 ms pacing
            }
            perMillisecond[(int) (t.get(0) % MediaClock.TICK_MILLIS)]++;
        }
        assertThat(perMillisecond).containsOnly(n / MediaClock.TICK_MILLIS); // 50 sends per millisecond, not 1,000
    }

    @Test
    void aSessionJoiningAfterItsSlotPassedWaitsAPeriodAndOneJoiningBeforeTheTimerRunsFirst() {
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        List<Long> d = new ArrayList<>();
        Cancellable ca = record(a);     // slot 0: 20, 40, ...
        vt.advance(25);
        record(b);                      // slot 1: 21 has passed, so 41
        vt.advance(20);                 // t = 45
        assertThat(a).containsExactly(20L, 40L);
        assertThat(b).containsExactly(41L);
        ca.cancel();                    // slot 0 empties: after 61 the timer skips it and waits for 81
        vt.advance(25);                 // t = 70
        assertThat(b).containsExactly(41L, 61L);
        record(c);                      // joins the empty slot 0, due at 80: before the timer's 81
        vt.advance(15);                 // t = 85
        assertThat(c).containsExactly(80L);
        assertThat(b).containsExactly(41L, 61L, 81L);
        record(d);                      // slot 2: 82 has passed, so 102
        vt.advance(25);                 // t = 110
        assertThat(d).containsExactly(102L);
        assertThat(c).containsExactly(80L, 100L);
        assertThat(a).containsExactly(20L, 40L);
    }

    @Test
    void aSessionMayLeaveDuringItsOwnTick() {
        List<Long> other = new ArrayList<>();
        AtomicReference<Cancellable> self = new AtomicReference<>();
        List<Long> once = new ArrayList<>();
        self.set(clock.add(() -> {
            once.add(vt.nowMillis());
            self.get().cancel();
        }));
        for (int i = 0; i < MediaClock.SLOTS; i++) {
            record(i == 0 ? other : new ArrayList<>()); // fill the slots so "other" shares none with it
        }
        vt.advance(100);
        assertThat(once).containsExactly(20L);
        assertThat(other).containsExactly(21L, 41L, 61L, 81L); // slot 1
    }

    @Test
    void stopsWhenTheLastSessionLeaves() {
        Cancellable c = clock.add(() -> { });
        vt.advance(40);
        c.cancel();
        vt.runPending();
        assertThat(vt.pendingTimers()).isZero();
    }
}
