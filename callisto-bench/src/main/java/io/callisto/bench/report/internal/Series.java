package io.callisto.bench.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a line chart: a name for the legend, a colour, and points. A point whose y is NaN is a gap: the
 * line stops before it and starts again after it.
 *
 * @param name   the legend text
 * @param colour a CSS colour ({@code #0072b2})
 * @param dashed true to draw the line dashed (e.g. a target next to what was achieved)
 * @param x      x values, in increasing order
 * @param y      y values, as many as {@code x}; NaN for "no value"
 */
public record Series(String name, String colour, boolean dashed, double[] x, double[] y) {

    /**
     * Checks the lengths.
     *
     * @throws IllegalArgumentException when {@code x} and {@code y} differ in length
     */
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " and " + y.length);
        }
    }

    /**
     * This series reduced to at most {@code 3 × buckets} points, so that a long run (3600 intervals and
     * more) draws as fast and weighs as little as a short one while keeping its peaks: the points are cut into
     * {@code buckets} consecutive groups and each group keeps its lowest and its highest point and its first gap,
     * in their order, so that peaks and gaps stay visible. Series that are short enough come back unchanged.
     *
     * @param buckets how many groups (at least 1)
     * @return the reduced series
     */
    public Series downsampled(int buckets) {
        int n = x.length;
        buckets = Math.max(1, buckets);
        if (n <= 2 * buckets) {
            return this;
        }
        List<double[]> kept = new ArrayList<>(2 * buckets);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            int gap = -1;
            for (int i = from; i < to; i++) {
                if (Double.isNaN(y[i])) {
                    gap = gap < 0 ? i : gap;
                    continue;
                }
                if (lo < 0 || y[i] < y[lo]) {
                    lo = i;
                }
                if (hi < 0 || y[i] > y[hi]) {
                    hi = i;
                }
            }
            // the lowest, the highest and the first gap of the group, in their order
            int[] picks = java.util.stream.IntStream.of(lo, hi, gap).filter(i -> i >= 0).sorted().distinct()
                    .toArray();
            for (int i : picks) {
                kept.add(new double[] {x[i], y[i]});
            }
        }
        double[] nx = new double[kept.size()];
        double[] ny = new double[kept.size()];
        for (int i = 0; i < nx.length; i++) {
            nx[i] = kept.get(i)[0];
            ny[i] = kept.get(i)[1];
        }
        return new Series(name, colour, dashed, nx, ny);
    }
}
