package io.callisto.server.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DutyCycleTest {

    private long now = 1_000_000;
    private final List<Long> rests = new ArrayList<>();

    private DutyCycle cycle(double duty, long maxRestMillis) {
        return new DutyCycle(duty, maxRestMillis, () -> now, nanos -> {
            rests.add(nanos);
            now += nanos;
        });
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void eachPieceOfWorkIsFollowedByItsShareOfRest() {
        DutyCycle c = cycle(0.25, 1_000);
        c.begin();
        now += ms(40); // a piece of 40 ms at a quarter of the time: 120 ms of rest
        c.rest();
        now += ms(10);
        c.rest();

        assertThat(rests).containsExactly(ms(120), ms(30));
    }

    @Test
    void theRestStartsTheNextPiece() {
        DutyCycle c = cycle(0.5, 1_000);
        c.begin();
        now += ms(20);
        c.rest(); // 20 ms; the time slept is not counted as work
        now += ms(5);
        c.rest();

        assertThat(rests).containsExactly(ms(20), ms(5));
    }

    @Test
    void aLongStallRestsAtMostTheCap() {
        DutyCycle c = cycle(0.25, 1_000);
        c.begin();
        now += ms(60_000);
        c.rest();

        assertThat(rests).containsExactly(ms(1_000));
    }

    @Test
    void aFullDutyNeverRests() {
        DutyCycle c = cycle(1.0, 1_000);
        c.begin();
        now += ms(50);
        c.rest();

        assertThat(rests).isEmpty();
    }

    @Test
    void aDutyOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> cycle(0, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cycle(1.5, 1_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cycle(Double.NaN, 1_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
