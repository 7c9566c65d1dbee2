package io.callisto.bench.report;

import java.util.List;

/**
 * One latency distribution of a run, recorded in an HdrHistogram (microsecond resolution, 3 significant
 * digits) and summarised in milliseconds.
 *
 * @param name      {@code "answer-delay"} (INVITE sent → 200 received, or for a UAS INVITE received → 200
 *                  sent), {@code "post-dial-delay"} (INVITE → first 180/183), or {@code "response-time "}
 *                  followed by a method ({@code "response-time REGISTER"}: request → final response)
 * @param count     how many samples
 * @param minMs     smallest sample
 * @param meanMs    mean
 * @param p50Ms     50th percentile
 * @param p90Ms     90th percentile
 * @param p99Ms     99th percentile
 * @param p999Ms    99.9th percentile
 * @param maxMs     largest sample
 * @param histogram the distribution as buckets, for plotting: consecutive, non-overlapping, in order
 */
public record LatencySummary(
        String name,
        long count,
        double minMs,
        double meanMs,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double p999Ms,
        double maxMs,
        List<Bucket> histogram) {

    public LatencySummary {
        histogram = List.copyOf(histogram);
    }

    /**
     * One histogram bucket: samples in {@code (fromMs, toMs]}.
     *
     * @param fromMs lower bound, exclusive
     * @param toMs   upper bound, inclusive
     * @param count  samples in the bucket
     */
    public record Bucket(double fromMs, double toMs, long count) {
    }
}
