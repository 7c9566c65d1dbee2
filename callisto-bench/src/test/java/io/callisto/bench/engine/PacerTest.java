package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void steadyRateIsExactOnNanosecondDeadlines() {
        Pacer p = new Pacer(500, 0);
        assertThat(p.due(0)).isEqualTo(1);
        assertThat(p.due(2 * MS - 1)).isEqualTo(1);
        assertThat(p.due(2 * MS)).isEqualTo(2);
        assertThat(p.due(1000 * MS)).isEqualTo(501);
        assertThat(p.due(60_000 * MS) - p.due(0)).isEqualTo(30_000);
        assertThat(new Pacer(3, 0).due(1000 * MS / 3 * 2)).isEqualTo(2); // 666.666 ms: the second call is not due
    }

    @Test
    void rampIntegratesLinearly() {
        Pacer p = new Pacer(100, 2000);
        assertThat(p.due(2000 * MS)).isEqualTo(101); // half of 100/s over 2 s, plus the call at 0
        assertThat(p.due(3000 * MS)).isEqualTo(201);
        assertThat(p.rateAt(1000 * MS)).isEqualTo(50.0);
        assertThat(p.rateAt(5000 * MS)).isEqualTo(100.0);
    }

    @Test
    void rejectsBadRates() {
        assertThatThrownBy(() -> new Pacer(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacer(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
