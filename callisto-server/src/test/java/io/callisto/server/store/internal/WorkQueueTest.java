package io.callisto.server.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The store thread's queue: batching, bounds, close. */
class WorkQueueTest {

    private static final class Recorder implements WorkQueue.Handler<Integer> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<Integer> rejected = new CopyOnWriteArrayList<>();
        final CountDownLatch gate = new CountDownLatch(1);
        volatile boolean blockFirst = true;

        @Override
        public void process(List<Integer> batch) {
            batches.add(new ArrayList<>(batch));
            if (blockFirst) {
                blockFirst = false;
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void tick() {
        }

        @Override
        public void reject(Integer op, Throwable cause) {
            rejected.add(op);
        }
    }

    @Test
    void operationsQueuedDuringABatchFormTheNextBatchInOrder() throws Exception {
        Recorder r = new Recorder();
        WorkQueue<Integer> q = new WorkQueue<>("test-queue", 100, 3, 1_000, r);
        q.start();
        assertThat(q.offer(0)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (r.batches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        for (int i = 1; i <= 5; i++) {
            assertThat(q.offer(i)).isTrue();
        }
        r.gate.countDown();
        q.close(10_000);
        assertThat(r.batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
        assertThat(r.rejected).isEmpty();
        assertThat(q.offer(6)).as("closed").isFalse();
    }

    @Test
    void aFullQueueRefusesWithoutBlocking() throws Exception {
        Recorder r = new Recorder();
        WorkQueue<Integer> q = new WorkQueue<>("test-queue", 2, 10, 1_000, r);
        q.start();
        q.offer(0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (r.batches.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(q.offer(1)).isTrue();
        assertThat(q.offer(2)).isTrue();
        assertThat(q.offer(3)).isFalse();
        assertThat(q.pending()).isEqualTo(2);
        r.gate.countDown();
        q.close(10_000);
        assertThat(r.batches).containsExactly(List.of(0), List.of(1, 2));
    }

    @Test
    void closingAQueueThatNeverStartedRejectsWhatWasQueued() {
        Recorder r = new Recorder();
        WorkQueue<Integer> q = new WorkQueue<>("test-queue", 10, 10, 1_000, r);
        q.offer(1);
        q.offer(2);
        q.close(1_000);
        assertThat(r.rejected).containsExactly(1, 2);
    }
}
