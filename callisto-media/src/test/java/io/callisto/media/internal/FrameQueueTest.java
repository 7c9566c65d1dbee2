package io.callisto.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FrameQueueTest {

    @Test
    void keepsFramesSortedByIndexWhateverTheArrivalOrder() {
        FrameQueue<byte[]> q = new FrameQueue<>(8);
        q.put(5, new byte[] {5});
        q.put(3, new byte[] {3});
        q.put(7, new byte[] {7});
        q.put(4, new byte[] {4});
        assertThat(q.firstKey()).isEqualTo(3);
        assertThat(q.contains(4)).isTrue();
        assertThat(q.contains(6)).isFalse();
        assertThat(q.remove(5)).containsExactly(5);
        assertThat(q.remove(5)).isNull();
        assertThat(q.pollFirst()).containsExactly(3);
        assertThat(q.pollFirst()).containsExactly(4);
        assertThat(q.pollFirst()).containsExactly(7);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void refusesAFrameBeyondItsCapacity() {
        FrameQueue<byte[]> q = new FrameQueue<>(2);
        q.put(1, new byte[0]);
        q.put(2, new byte[0]);
        assertThatThrownBy(() -> q.put(3, new byte[0])).isInstanceOf(IllegalStateException.class);
    }

    /** Random puts, removes and polls, mostly in order as RTP arrives, checked against a TreeMap. */
    @Test
    void behavesLikeASortedMapUnderRandomUse() {
        Random random = new Random(7);
        FrameQueue<byte[]> q = new FrameQueue<>(16);
        TreeMap<Long, byte[]> model = new TreeMap<>();
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 && model.size() < 16) {
                long key = next + random.nextInt(6) - 2; // some reordering and duplicates
                next++;
                if (!model.containsKey(key)) {
                    byte[] frame = {(byte) key};
                    q.put(key, frame);
                    model.put(key, frame);
                }
            } else if (op < 7 && !model.isEmpty()) {
                assertThat(q.firstKey()).isEqualTo(model.firstKey());
                assertThat(q.pollFirst()).isSameAs(model.pollFirstEntry().getValue());
            } else if (op < 9) {
                long key = next - random.nextInt(8);
                assertThat(q.remove(key)).isSameAs(model.remove(key));
            } else if (random.nextInt(100) == 0) {
                q.clear();
                model.clear();
            }
            assertThat(q.size()).isEqualTo(model.size());
            if (!model.isEmpty()) {
                assertThat(q.firstKey()).isEqualTo(model.firstKey());
            }
            for (Map.Entry<Long, byte[]> e : model.entrySet()) {
                assertThat(q.contains(e.getKey())).isTrue();
            }
        }
    }
}
