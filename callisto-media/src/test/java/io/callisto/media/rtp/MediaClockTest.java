package io.callisto.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.exec.Cancellable;
import io.callisto.exec.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaClockTest {

    @Test
    void oneTimerTicksEverySessionEveryTwentyMilliseconds() {
        VirtualTime vt = new VirtualTime();
        MediaClock clock = new MediaClock(vt);
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        Cancellable ca = clock.add(() -> a.add(vt.nowMillis()));
        clock.add(() -> b.add(vt.nowMillis()));
        vt.advance(1000);
        assertThat(a).hasSize(50).startsWith(20L, 40L, 60L).endsWith(1000L);
        assertThat(b).hasSize(50);
        assertThat(vt.pendingTimers()).isEqualTo(1); // one timer for all sessions
        ca.cancel();
        vt.advance(100);
        assertThat(a).hasSize(50);
        assertThat(b).hasSize(55);
        assertThat(clock.ticks()).isEqualTo(55);
    }

    @Test
    void stopsWhenTheLastSessionLeaves() {
        VirtualTime vt = new VirtualTime();
        MediaClock clock = new MediaClock(vt);
        Cancellable c = clock.add(() -> { });
        vt.advance(40);
        c.cancel();
        vt.runPending();
        assertThat(vt.pendingTimers()).isZero();
    }
}
