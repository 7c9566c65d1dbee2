package io.callisto.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Run results for the report tests: one shaped like a real run, and the edge cases (empty, one interval, nulls,
 * huge values, hostile strings, an hour-long timeline).
 */
final class Fixtures {

    static final Instant START = Instant.parse("2025-06-01T10:00:00Z");

    private Fixtures() {
    }

    /**
     * A call run at 500 calls/s for 60 s after a 10 s ramp, 3 s calls, an 8 s no-answer timeout: about 1% 486
     * Busy Here, a burst of timeouts and slower answers around 40 s, latencies sampled from a log-normal
     * distribution so that the percentiles, the histogram and the totals agree.
     */
    static RunResult realistic() {
        Random rnd = new Random(5);
        List<Interval> timeline = new ArrayList<>();
        List<Double> allAnswer = new ArrayList<>();
        List<Double> allPdd = new ArrayList<>();
        long attempted = 0;
        long answered = 0;
        long busy = 0;
        long timeouts = 0;
        long unavailable = 0;
        long retrans = 0;
        long maxConcurrent = 0;
        double[] startedPerSecond = new double[80];
        int sendSeconds = 60;
        int lastSecond = sendSeconds + 8;
        for (int s = 1; s <= lastSecond; s++) {
            double offered = s <= sendSeconds ? Math.min(500, 500.0 * s / 10) : 0;
            long started = s <= sendSeconds ? Math.round(offered * (1 + (rnd.nextDouble() - 0.5) * 0.01)) : 0;
            startedPerSecond[s] = started;
            boolean trouble = s >= 38 && s <= 44;
            double[] samples = new double[(int) started];
            int n = 0;
            long failedNow = 0;
            long retransNow = 0;
            for (int c = 0; c < started; c++) {
                double u = rnd.nextDouble();
                if (u < 0.01) {
                    busy++;
                    failedNow++;
                } else if (u < (trouble ? 0.03 : 0.012)) {
                    timeouts++;
                    failedNow++;
                    retransNow += 7;
                } else if (u < (trouble ? 0.032 : 0.0125)) {
                    unavailable++;
                    failedNow++;
                } else {
                    double median = trouble ? 45 : 18;
                    double sigma = trouble ? 0.8 : 0.35;
                    double ms = median * Math.exp(sigma * rnd.nextGaussian());
                    if (rnd.nextDouble() < 0.002) {
                        ms += 500; // a retransmitted INVITE (T1)
                        retransNow++;
                    }
                    samples[n++] = ms;
                    allAnswer.add(ms);
                    allPdd.add(ms * 0.55);
                }
            }
            attempted += started;
            answered += n;
            retrans += retransNow;
            long concurrent = Math.round(startedPerSecond[s] * 0.5 + startedPerSecond[Math.max(0, s - 1)]
                    + startedPerSecond[Math.max(0, s - 2)] + startedPerSecond[Math.max(0, s - 3)] * 0.5
                    + (trouble ? 120 : 8));
            if (s > sendSeconds + 3) {
                concurrent = Math.max(0, Math.round(10 * (lastSecond - s) / 5.0));
            }
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            timeline.add(new Interval(s * 1000L, 1000, offered, started, concurrent, started, n, failedNow,
                    retransNow, n == 0 ? null : percentiles(Arrays.copyOf(samples, n))));
        }
        Map<String, Long> reasons = new TreeMap<>(Map.of("486", busy, "timeout", timeouts, "503", unavailable));
        long failed = busy + timeouts + unavailable;
        Totals totals = new Totals(attempted, answered, failed, reasons, retrans, 3, maxConcurrent);
        List<LatencySummary> latencies = List.of(summary("answer-delay", allAnswer),
                summary("post-dial-delay", allPdd),
                summary("response-time BYE", scaled(allAnswer.subList(0, Math.min(5000, allAnswer.size())), 0.3)));
        return new RunResult("call", "127.0.0.1:5060", START, lastSecond * 1000L, settings(), totals, latencies,
                timeline, new LoadVerdict(true, "achieved 499.9/s of 500/s after the 10 s ramp"));
    }

    static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("rate", "500/s");
        s.put("ramp", "10 s");
        s.put("duration", "60 s");
        s.put("call length", "3 s");
        s.put("max concurrent", "5000");
        s.put("transport", "UDP");
        s.put("to", "sip:service@127.0.0.1");
        s.put("no-answer timeout", "8 s");
        return s;
    }

    /** Nothing happened: no interval, no latency, zero totals. */
    static RunResult empty() {
        return new RunResult("call", "127.0.0.1:5060", START, 0, Map.of(),
                new Totals(0, 0, 0, Map.of(), 0, 0, 0), List.of(), List.of(), new LoadVerdict(true, ""));
    }

    /** Two intervals of a call run with --rtp: 1,000 sessions, a little loss, jitter and round trip known. */
    static RunResult withRtp() {
        RtpFigures first = new RtpFigures(1000, 50_000, 49_990, 10, 1.25, 4.5, 0.8, 2.5);
        RtpFigures second = new RtpFigures(1000, 50_000, 50_000, 0, 1.5, 3.0, -1, -1);
        List<Interval> t = List.of(
                new Interval(1000, 1000, 100, 100, 1000, 100, 0, 0, 0, null, first),
                new Interval(2000, 1000, 0, 0, 1000, 0, 100, 0, 0, null, second));
        Totals totals = new Totals(100, 100, 0, Map.of(), 0, 0, 1000,
                new RtpFigures(1000, 100_000, 99_990, 10, 1.4, 4.5, 0.8, 2.5));
        return new RunResult("call", "127.0.0.1:5060", START, 2000, Map.of("rtp", "PCMU 20 ms"), totals, List.of(),
                t, new LoadVerdict(true, "kept up"));
    }

    /** One interval of 1 s with 100 calls. */
    static RunResult oneInterval() {
        Interval i = new Interval(1000, 1000, 100, 99.0, 40, 99, 98, 1, 0,
                new Interval.Percentiles(12.5, 20, 31.2, 40.1, 44));
        LatencySummary l = new LatencySummary("answer-delay", 98, 3.1, 14.2, 12.5, 20, 31.2, 40.1, 44,
                List.of(new LatencySummary.Bucket(0, 10, 30), new LatencySummary.Bucket(10, 20, 58),
                        new LatencySummary.Bucket(20, 50, 10)));
        return new RunResult("options", "10.0.0.1:5060", START, 1000, Map.of("rate", "100/s"),
                new Totals(99, 98, 1, Map.of("408", 1L), 0, 0, 40), List.of(l), List.of(i),
                new LoadVerdict(false, "achieved 99.0/s of 100/s"));
    }

    /** Calls that were never answered: intervals whose latency is null, nulls wherever the records allow. */
    static RunResult withNulls() {
        List<Interval> t = new ArrayList<>();
        for (int s = 1; s <= 10; s++) {
            Interval.Percentiles p = s % 3 == 0 ? null : new Interval.Percentiles(10 + s, 20, 30, 40, 50 + s);
            t.add(new Interval(s * 1000L, 1000, 10, 10, 5, 10, p == null ? 0 : 10, p == null ? 10 : 0, 0, p));
        }
        return new RunResult(null, null, null, 10_000, Map.of(), null,
                List.of(new LatencySummary(null, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, List.of())),
                t, new LoadVerdict(false, null));
    }

    /** Zero calls for 5 s: the intervals exist but everything is 0. */
    static RunResult zeroCalls() {
        List<Interval> t = new ArrayList<>();
        for (int s = 1; s <= 5; s++) {
            t.add(new Interval(s * 1000L, 1000, 0, 0, 0, 0, 0, 0, 0, null));
        }
        return new RunResult("uas", "0.0.0.0:5080", START, 5000, Map.of("bind", "0.0.0.0:5080"),
                new Totals(0, 0, 0, Map.of(), 0, 0, 0), List.of(), t, new LoadVerdict(true, "nothing offered"));
    }

    /** Values at the edges of their types, and some that are not numbers. */
    static RunResult huge() {
        List<Interval> t = List.of(
                new Interval(1000, 1000, 1e12, 9.9e11, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0,
                        new Interval.Percentiles(1e15, 2e15, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                                Double.NaN)),
                new Interval(2000, 1000, Double.NaN, Double.POSITIVE_INFINITY, 0, 1, 1, 0, 0,
                        new Interval.Percentiles(0.001, 0.002, 0.003, 0.004, 0.005)));
        LatencySummary l = new LatencySummary("answer-delay", Long.MAX_VALUE, 0, 1e300, 1e15, 1e16, 1e17, 1e18,
                Double.MAX_VALUE, List.of(new LatencySummary.Bucket(0, 1e-3, Long.MAX_VALUE),
                new LatencySummary.Bucket(1e-3, 1e300, Long.MAX_VALUE),
                new LatencySummary.Bucket(Double.NaN, Double.POSITIVE_INFINITY, 5),
                new LatencySummary.Bucket(5, 1, -3)));
        return new RunResult("call", "x", START, Long.MAX_VALUE, Map.of(),
                new Totals(Long.MAX_VALUE, Long.MAX_VALUE, 0, Map.of("486", Long.MAX_VALUE), Long.MAX_VALUE, 0,
                        Long.MAX_VALUE), List.of(l), t, new LoadVerdict(true, "ok"));
    }

    static final String EVIL = "<script>alert(\"x&y\")</script>";

    /** User-supplied strings that would break HTML, SVG, CSV or a terminal if written as they are. */
    static RunResult hostile() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("to", EVIL);
        s.put("name'with\"quotes", "a,b\"c\r\nd");
        s.put("escape", "\u001b[2Jcleared\u0007");
        RunResult base = oneInterval();
        LatencySummary l = base.latencies().get(0);
        LatencySummary evilLatency = new LatencySummary("</svg><img src=x onerror=alert(1)>", l.count(), l.minMs(),
                l.meanMs(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.histogram());
        return new RunResult(EVIL, "\"127.0.0.1\" & <b>", START, 1000, s,
                new Totals(99, 98, 1, Map.of("<i>bad</i> & \"worse\"", 1L), 0, 0, 40), List.of(evilLatency),
                base.timeline(), new LoadVerdict(false, "fell behind: ]]> & <!-- -->"));
    }

    /** An hour at 1 s intervals, with a gap every 100 s and a spike at 1850 s. */
    static RunResult hour() {
        List<Interval> t = new ArrayList<>();
        Random rnd = new Random(1);
        for (int s = 1; s <= 3600; s++) {
            double p50 = 20 + rnd.nextGaussian() + (s == 1850 ? 900 : 0);
            Interval.Percentiles p = s % 100 == 0 ? null : new Interval.Percentiles(p50, p50 * 1.5, p50 * 3,
                    p50 * 5, p50 * 8);
            t.add(new Interval(s * 1000L, 1000, 200, 200 + rnd.nextGaussian(), 600 + (s == 1850 ? 3000 : 0), 200,
                    200, 0, 0, p));
        }
        return new RunResult("call", "127.0.0.1:5060", START, 3_600_000, settings(),
                new Totals(720_000, 720_000, 0, Map.of(), 0, 0, 3600), realistic().latencies(), t,
                new LoadVerdict(true, "achieved 200.0/s of 200/s"));
    }

    private static Interval.Percentiles percentiles(double[] samples) {
        Arrays.sort(samples);
        return new Interval.Percentiles(at(samples, 0.5), at(samples, 0.9), at(samples, 0.99), at(samples, 0.999),
                samples[samples.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
    }

    private static double round(double ms) {
        return Math.round(ms * 1000) / 1000.0;
    }

    private static List<Double> scaled(List<Double> in, double f) {
        List<Double> out = new ArrayList<>();
        for (double d : in) {
            out.add(d * f);
        }
        return out;
    }

    private static LatencySummary summary(String name, List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(s).average().orElse(Double.NaN);
        List<LatencySummary.Bucket> buckets = new ArrayList<>();
        double from = 0;
        double to = 1;
        int k = 0;
        while (from < s[s.length - 1]) {
            long count = 0;
            while (k < s.length && s[k] <= to) {
                count++;
                k++;
            }
            buckets.add(new LatencySummary.Bucket(from, round(to), count));
            from = round(to);
            to = to * 1.08;
        }
        return new LatencySummary(name, s.length, round(s[0]), round(mean), at(s, 0.5), at(s, 0.9), at(s, 0.99),
                at(s, 0.999), round(s[s.length - 1]), buckets);
    }
}
