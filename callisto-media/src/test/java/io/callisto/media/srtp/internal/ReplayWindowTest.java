package io.callisto.media.srtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void freshReplayedAndTooOld() {
        ReplayWindow w = new ReplayWindow(64);
        assertThat(w.check(5)).isEqualTo(ReplayWindow.FRESH);
        w.accept(5);
        assertThat(w.check(5)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(4)).isEqualTo(ReplayWindow.FRESH);
        w.accept(100);
        assertThat(w.check(36)).isEqualTo(ReplayWindow.TOO_OLD);
        assertThat(w.check(37)).isEqualTo(ReplayWindow.FRESH);
        w.accept(37);
        assertThat(w.check(37)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(99)).isEqualTo(ReplayWindow.FRESH);
    }

    @Test
    void advancingClearsTheBitsItPasses() {
        ReplayWindow w = new ReplayWindow(128);
        for (int i = 0; i < 128; i++) {
            w.accept(i);
        }
        w.accept(130); // slots of 128 and 129 (= old 0 and 1) must now read as not received
        assertThat(w.check(128)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(129)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.check(127)).isEqualTo(ReplayWindow.REPLAYED);
        assertThat(w.check(2)).isEqualTo(ReplayWindow.TOO_OLD);
        w.accept(100_000);
        assertThat(w.check(99_999)).isEqualTo(ReplayWindow.FRESH);
        assertThat(w.size()).isEqualTo(128);
    }

    @Test
    void indexEstimationFollowsAppendixA() {
        assertThat(StreamState.estimateIndex(-1, 65_000)).isEqualTo(65_000);
        assertThat(StreamState.estimateIndex(65_535, 0)).isEqualTo(65_536); // wrap: ROC + 1
        assertThat(StreamState.estimateIndex(65_536 + 2, 65_534)).isEqualTo(65_534); // late packet: ROC - 1
        assertThat(StreamState.estimateIndex(10, 65_534)).isEqualTo(-1); // ROC - 1 with ROC 0
        assertThat(StreamState.estimateIndex(3L << 16 | 40_000, 100)).isEqualTo(4L << 16 | 100);
        assertThat(StreamState.estimateIndex(0xffff_ffffL << 16 | 65_535, 1)).isEqualTo(-2);
    }
}
