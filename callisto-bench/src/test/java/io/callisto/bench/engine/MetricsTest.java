package io.callisto.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.engine.internal.Summaries;
import io.callisto.bench.report.LatencySummary;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void countsFromManyThreadsAndKeepsTheMaximum() throws Exception {
        Metrics m = new Metrics();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    m.callStarted();
                    m.record(Metrics.ANSWER_DELAY, 1_000_000L);
                    if (i % 10 == 0) {
                        m.callFailed("timeout");
                    } else {
                        m.callSucceeded();
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(m.attempted()).isEqualTo(40_000);
        assertThat(m.answered()).isEqualTo(36_000);
        assertThat(m.failuresByReason()).containsEntry("timeout", 4_000L);
        assertThat(m.concurrent()).isZero();
        assertThat(m.maxConcurrent()).isBetween(1L, 4L);
        assertThat(m.drainInterval().get(Metrics.ANSWER_DELAY).getTotalCount()).isEqualTo(40_000);
        assertThat(m.drainInterval().get(Metrics.ANSWER_DELAY).getTotalCount()).isZero();
        assertThat(m.totalHistograms().get(Metrics.ANSWER_DELAY).getTotalCount()).isEqualTo(40_000);
    }

    @Test
    void summariesAreInMillisecondsWithContiguousBuckets() {
        Metrics m = new Metrics();
        for (int i = 1; i <= 1000; i++) {
            m.record("response-time OPTIONS", i * 1_000_000L); // 1..1000 ms
        }
        m.drainInterval();
        LatencySummary s = Summaries.summary("response-time OPTIONS", m.totalHistograms().get("response-time OPTIONS"));
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50Ms()).isBetween(499.0, 501.0);
        assertThat(s.p99Ms()).isBetween(989.0, 991.0);
        assertThat(s.maxMs()).isBetween(999.0, 1001.0);
        assertThat(s.histogram().stream().mapToLong(LatencySummary.Bucket::count).sum()).isEqualTo(1000);
        for (int i = 1; i < s.histogram().size(); i++) {
            assertThat(s.histogram().get(i).fromMs()).isEqualTo(s.histogram().get(i - 1).toMs());
        }
        assertThat(m.latencyNames()).containsExactly("response-time OPTIONS");
    }
}
