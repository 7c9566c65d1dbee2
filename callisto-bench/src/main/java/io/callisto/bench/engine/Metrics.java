package io.callisto.bench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counters and latency recorders of one run. Writers (every owner thread) never lock: counters are
 * {@link LongAdder}s, the concurrency gauge and its maximum are atomics, latencies go to HdrHistogram
 * {@link Recorder}s (wait-free writers, microsecond values, 3 significant digits). One reader, the engine's
 * control thread, takes interval snapshots.
 */
public final class Metrics {

    /** Latency name: INVITE → 200 (UAC), INVITE received → 200 sent (UAS). */
    public static final String ANSWER_DELAY = "answer-delay";
    /** Latency name: INVITE → first 180/183. */
    public static final String POST_DIAL_DELAY = "post-dial-delay";
    /** Prefix of the per-method response time names. */
    public static final String RESPONSE_TIME = "response-time ";
    /** Prefix of the names of SIPp-style {@code rtd} timers. */
    public static final String RTD = "rtd ";

    private static final long HIGHEST_US = 3_600_000_000L;

    final LongAdder attempted = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retransmissions = new LongAdder();
    final LongAdder unexpected = new LongAdder();
    private final AtomicLong concurrent = new AtomicLong();
    private final AtomicLong maxConcurrent = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Recorder> recorders = new ConcurrentHashMap<>();
    private final Map<String, Histogram> totals = new TreeMap<>();

    /** A call started. */
    public void callStarted() {
        attempted.increment();
        long c = concurrent.incrementAndGet();
        long max = maxConcurrent.get();
        while (c > max && !maxConcurrent.compareAndSet(max, c)) {
            max = maxConcurrent.get();
        }
    }

    /** A call completed its scenario. */
    public void callSucceeded() {
        answered.increment();
        concurrent.decrementAndGet();
    }

    /** A call failed for {@code reason} (a status code as text, {@code timeout}, {@code transport}, ...). */
    public void callFailed(String reason) {
        failed.increment();
        concurrent.decrementAndGet();
        LongAdder a = failures.get(reason);
        if (a == null) {
            a = failures.computeIfAbsent(reason, r -> new LongAdder());
        }
        a.increment();
    }

    /** This tool sent a message again. */
    public void retransmitted() {
        retransmissions.increment();
    }

    /** A message matched no call or no step of its call. */
    public void unexpected() {
        unexpected.increment();
    }

    /** Records a latency of {@code nanos} under {@code name}. */
    public void record(String name, long nanos) {
        Recorder r = recorders.get(name);
        if (r == null) {
            r = recorders.computeIfAbsent(name, n -> new Recorder(HIGHEST_US, 3));
        }
        r.recordValue(Math.min(HIGHEST_US, Math.max(0, nanos / 1000)));
    }

    /** Calls in progress now. */
    public long concurrent() {
        return concurrent.get();
    }

    /** The highest number of calls in progress so far. */
    public long maxConcurrent() {
        return maxConcurrent.get();
    }

    /** Calls started so far. */
    public long attempted() {
        return attempted.sum();
    }

    /** Calls that completed their scenario so far. */
    public long answered() {
        return answered.sum();
    }

    /** Calls that failed so far. */
    public long failed() {
        return failed.sum();
    }

    /** Failures so far by reason. */
    public Map<String, Long> failuresByReason() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /**
     * Moves what every recorder holds since the last call into the run's totals and returns it by name (the
     * interval's histograms). Call from one thread only.
     */
    public Map<String, Histogram> drainInterval() {
        Map<String, Histogram> out = new TreeMap<>();
        recorders.forEach((name, r) -> {
            Histogram h = r.getIntervalHistogram();
            out.put(name, h);
            totals.computeIfAbsent(name, n -> new Histogram(HIGHEST_US, 3)).add(h);
        });
        return out;
    }

    /** The run's latency histograms so far (as of the last {@link #drainInterval()}), by name. */
    public Map<String, Histogram> totalHistograms() {
        return totals;
    }

    /** Names of every latency recorded so far, in the report order: answer, post-dial, response times, rtds. */
    public List<String> latencyNames() {
        List<String> names = new ArrayList<>(totals.keySet());
        names.sort((a, b) -> Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b))
                : a.compareTo(b));
        return names;
    }

    private static int rank(String name) {
        if (name.equals(ANSWER_DELAY)) {
            return 0;
        }
        if (name.equals(POST_DIAL_DELAY)) {
            return 1;
        }
        if (name.startsWith("rtp-")) {
            return 4; // RTP jitter and round trip (--rtp) last
        }
        return name.startsWith(RESPONSE_TIME) ? 2 : 3;
    }
}
