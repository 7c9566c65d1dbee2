package io.callisto.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static byte[] frame(int n) {
        return new byte[] {(byte) n};
    }

    private static long ts(int n) {
        return (1000L + 160L * n) & 0xFFFFFFFFL;
    }

    /** Polls {@code ticks} times; a played frame shows as its number, a missing one as -1. */
    private static List<Integer> play(JitterBuffer<byte[]> jb, int ticks) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            byte[] f = jb.poll();
            out.add(f == null ? -1 : (int) f[0]);
        }
        return out;
    }

    @Test
    void waitsForTheTargetDepthThenPlaysInOrder() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        jb.put(ts(0), frame(0));
        assertThat(play(jb, 1)).containsExactly(-1); // filling
        jb.put(ts(1), frame(1));
        jb.put(ts(2), frame(2));
        assertThat(play(jb, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void reordersPackets() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 3, 10);
        jb.put(ts(0), frame(0));
        jb.put(ts(2), frame(2));
        jb.put(ts(1), frame(1));
        jb.put(ts(4), frame(4));
        jb.put(ts(3), frame(3));
        assertThat(play(jb, 5)).containsExactly(0, 1, 2, 3, 4);
        assertThat(jb.lost()).isZero();
    }

    @Test
    void aMissingFrameIsReportedAsLostAndPlayContinues() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        for (int n : new int[] {0, 1, 3, 4}) {
            jb.put(ts(n), frame(n));
        }
        assertThat(play(jb, 4)).containsExactly(0, 1, -1, 3);
        assertThat(jb.lost()).isEqualTo(1);
    }

    @Test
    void dropsLateAndDuplicateFrames() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        jb.put(ts(0), frame(0));
        jb.put(ts(1), frame(1));
        assertThat(jb.put(ts(1), frame(1))).isFalse();
        jb.put(ts(3), frame(3));
        assertThat(play(jb, 3)).containsExactly(0, 1, -1);
        assertThat(jb.put(ts(2), frame(2))).isFalse(); // its play time has passed
        assertThat(jb.put(ts(0), frame(0))).isFalse();
        assertThat(jb.late()).isEqualTo(2);
        assertThat(jb.duplicates()).isEqualTo(1);
        // each late frame deepens the buffer by its lateness (1 and 3 frames), reached by playing concealment
        assertThat(jb.targetDepth()).isEqualTo(6);
        assertThat(play(jb, 5)).containsExactly(-1, -1, -1, -1, 3);
        assertThat(jb.stretched()).isEqualTo(4);
        for (int i = 0; i < 2000; i++) {
            jb.jitter(0);
        }
        assertThat(jb.targetDepth()).isEqualTo(6); // held up for a minute after a late frame
    }

    @Test
    void anUnderrunRefillsToADeeperTarget() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        jb.put(ts(0), frame(0));
        jb.put(ts(1), frame(1));
        assertThat(play(jb, 3)).containsExactly(0, 1, -1);
        assertThat(jb.underruns()).isEqualTo(1);
        assertThat(jb.targetDepth()).isEqualTo(3);
        jb.put(ts(2), frame(2));
        jb.put(ts(3), frame(3));
        assertThat(play(jb, 1)).containsExactly(-1); // 2 < 3 frames: still filling
        jb.put(ts(4), frame(4));
        assertThat(play(jb, 3)).containsExactly(2, 3, 4);
    }

    @Test
    void targetGrowsAtOnceWithJitterAndShrinksSlowly() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        jb.jitter(30); // 1 + ceil(90 / 20) = 6
        assertThat(jb.targetDepth()).isEqualTo(6);
        for (int i = 0; i < 249; i++) {
            jb.jitter(0);
        }
        assertThat(jb.targetDepth()).isEqualTo(6);
        jb.jitter(0);
        assertThat(jb.targetDepth()).isEqualTo(5);
        jb.jitter(500);
        assertThat(jb.targetDepth()).isEqualTo(10); // bounded by maxDepth
    }

    @Test
    void aSustainedSurplusIsDroppedOneFrameAtATime() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        int next = 0;
        for (; next < 10; next++) {
            jb.put(ts(next), frame(next));
        }
        List<Integer> played = new ArrayList<>();
        for (int tick = 0; tick < 60; tick++) {
            jb.put(ts(next), frame(next));
            next++;
            played.addAll(play(jb, 1));
        }
        assertThat(played).doesNotContain(-1);
        assertThat(jb.discarded()).isEqualTo(1); // after 50 ticks above target + 2
        assertThat(played.get(59) - played.get(0)).isEqualTo(60); // one frame skipped
        assertThat(jb.depth()).isEqualTo(9);
    }

    @Test
    void timestampsWrapAround() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        long start = 0xFFFFFFFFL - 200;
        for (int n = 0; n < 4; n++) {
            jb.put((start + 160L * n) & 0xFFFFFFFFL, frame(n));
        }
        assertThat(play(jb, 4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aLargeJumpRestartsTheBuffer() {
        JitterBuffer<byte[]> jb = new JitterBuffer<>(160, 20, 2, 10);
        jb.put(ts(0), frame(0));
        jb.put(ts(1), frame(1));
        assertThat(play(jb, 2)).containsExactly(0, 1);
        jb.put(ts(1000), frame(7));
        jb.put(ts(1001), frame(8));
        assertThat(play(jb, 2)).containsExactly(7, 8);
    }
}
