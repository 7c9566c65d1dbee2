package io.callisto.server.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The nonce-count table: strictly growing counts, a hard bound, no replay through eviction. */
class NonceCountsTest {
    private static final long LIFETIME = 300_000;

    @Test
    void countsMustGrow() {
        NonceCounts t = new NonceCounts(10, LIFETIME);

        assertThat(t.advance("n", 0, 1, 0)).isTrue();
        assertThat(t.advance("n", 0, 1, 0)).isFalse();
        assertThat(t.advance("n", 0, 3, 0)).isTrue();
        assertThat(t.advance("n", 0, 2, 0)).isFalse();
        assertThat(t.advance("other", 0, 1, 0)).isTrue();
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void evictionRaisesTheWatermarkSoForgottenNoncesAreRefused() {
        NonceCounts t = new NonceCounts(3, LIFETIME);
        for (int i = 1; i <= 5; i++) {
            assertThat(t.advance("n" + i, i, 1, 10)).isTrue();
        }

        assertThat(t.size()).isEqualTo(3);
        assertThat(t.advance("n1", 1, 2, 10)).isFalse();
        assertThat(t.advance("n2", 2, 2, 10)).isFalse();
        assertThat(t.advance("n5", 5, 2, 10)).isTrue();
        assertThat(t.advance("n6", 6, 1, 10)).isTrue();
    }

    @Test
    void expiredEntriesAreSweptWithoutRaisingTheWatermark() {
        NonceCounts t = new NonceCounts(100, LIFETIME);
        for (int i = 0; i < 10; i++) {
            t.advance("old" + i, 0, 1, 0);
        }
        for (int i = 0; i < 5; i++) {
            t.advance("new" + i, LIFETIME, 1, LIFETIME);
        }

        assertThat(t.size()).isEqualTo(5);
        assertThat(t.advance("late", 1, 1, LIFETIME)).isTrue();
    }

    @Test
    void concurrentCountsAcceptEachValueOnce() throws Exception {
        NonceCounts t = new NonceCounts(1000, LIFETIME);
        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                futures.add(pool.submit(() -> {
                    for (long nc = 1; nc <= 2000; nc++) {
                        if (t.advance("shared", 0, nc, 0) && !accepted.add(nc)) {
                            duplicates.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // No count was accepted twice, and the highest one was accepted.
        assertThat(duplicates.get()).isZero();
        assertThat(accepted).contains(2000L);
        assertThat(t.advance("shared", 0, 2000, 0)).isFalse();
    }

    @Test
    void underConcurrentNewNoncesTheTableStaysBoundedAndExpiredOnesAreSwept() throws Exception {
        NonceCounts t = new NonceCounts(1_000, LIFETIME);
        int threads = 4;
        int perThread = 20_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int n = 0; n < threads; n++) {
                int id = n;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long now = i; // each nonce expires LIFETIME ms after it is issued
                        t.advance("t" + id + "-" + i, now, 1, now);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.size()).isLessThanOrEqualTo(1_000 + threads);
        // long after every nonce expired, fresh ones sweep the old entries out
        long later = perThread + LIFETIME + 1;
        for (int i = 0; i < 2_000; i++) {
            t.advance("late-" + i, later, 1, later);
        }
        assertThat(t.size()).isLessThanOrEqualTo(1_000);
        assertThat(t.advance("late-0", later, 1, later)).as("a replayed count is still refused").isFalse();
    }
}
