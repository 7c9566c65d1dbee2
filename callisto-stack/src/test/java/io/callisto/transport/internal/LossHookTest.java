package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LossHookTest {

    private static int drops(LossHook h, int n) {
        int d = 0;
        for (int i = 0; i < n; i++) {
            d += h.drop() ? 1 : 0;
        }
        return d;
    }

    @Test
    void dropsAboutTheFraction() {
        assertThat(drops(new LossHook(0.1, 1), 10_000)).isBetween(850, 1150);
        assertThat(drops(new LossHook(0.5, 2), 10_000)).isBetween(4800, 5200);
        assertThat(drops(LossHook.NONE, 1000)).isZero();
        assertThat(drops(new LossHook(1, 3), 1000)).isEqualTo(1000);
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        LossHook a = new LossHook(0.3, 99);
        LossHook b = new LossHook(0.3, 99);
        LossHook c = new LossHook(0.3, 100);
        StringBuilder sa = new StringBuilder();
        StringBuilder sb = new StringBuilder();
        StringBuilder sc = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sa.append(a.drop() ? 'x' : '.');
            sb.append(b.drop() ? 'x' : '.');
            sc.append(c.drop() ? 'x' : '.');
        }
        assertThat(sa.toString()).isEqualTo(sb.toString()).isNotEqualTo(sc.toString());
    }
}
