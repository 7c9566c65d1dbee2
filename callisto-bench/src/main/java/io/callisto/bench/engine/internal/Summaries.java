package io.callisto.bench.engine.internal;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns HdrHistograms (microseconds) into the report records (milliseconds). */
public final class Summaries {

    private static final int BUCKETS = 40;

    private Summaries() {
    }

    /** Percentiles of one interval's histogram, or null when it is empty. */
    public static Interval.Percentiles percentiles(Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            return null;
        }
        return new Interval.Percentiles(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    /** The summary of a run's histogram, with {@value #BUCKETS} equal-width buckets from 0 to the maximum. */
    public static LatencySummary summary(String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(name, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
        long maxUs = h.getMaxValue();
        long width = Math.max(1, (maxUs + BUCKETS - 1) / BUCKETS);
        long[] counts = new long[BUCKETS];
        for (HistogramIterationValue v : h.recordedValues()) {
            long value = v.getValueIteratedTo();
            int b = value == 0 ? 0 : (int) Math.min(BUCKETS - 1, (value - 1) / width);
            counts[b] += v.getCountAtValueIteratedTo();
        }
        List<LatencySummary.Bucket> buckets = new ArrayList<>(BUCKETS);
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(new LatencySummary.Bucket(ms(i * width), ms((i + 1) * width), counts[i]));
        }
        return new LatencySummary(name, h.getTotalCount(), ms(h.getMinValue()), h.getMean() / 1000.0,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(maxUs), buckets);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
