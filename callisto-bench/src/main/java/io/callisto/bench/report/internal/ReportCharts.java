package io.callisto.bench.report.internal;

import io.callisto.bench.report.Interval;
import io.callisto.bench.report.LatencySummary;
import io.callisto.bench.report.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The charts of the HTML report, built from a {@link RunResult}: rates over time, concurrent calls over time,
 * answer delay percentiles over time, and one histogram per latency distribution. Colours are the Okabe–Ito
 * palette, which stays distinguishable with the common colour vision deficiencies.
 */
public final class ReportCharts {

    /** Colour of the offered rate. */
    public static final String OFFERED = "#e69f00";
    /** Colour of the achieved rate. */
    public static final String ACHIEVED = "#0072b2";
    /** Colour of the failed calls per second. */
    public static final String FAILED = "#d55e00";
    /** Colour of the concurrent calls. */
    public static final String CONCURRENT = "#009e73";
    /** Colours of p50, p90, p99, p99.9 and max. */
    public static final List<String> PERCENTILES = List.of("#0072b2", "#009e73", "#e69f00", "#d55e00", "#cc79a7");

    private static final String TIME = "time since start (s)";

    private ReportCharts() {
    }

    /**
     * Offered and achieved calls per second, and failed calls per second, over time.
     *
     * @param r the run
     * @return the SVG markup
     */
    public static String rates(RunResult r) {
        String title = "Call rate: offered vs achieved";
        List<Interval> t = intervals(r);
        if (t.isEmpty()) {
            return SvgChart.empty("rates", title, "no intervals recorded");
        }
        return new LineChart(title, TIME, "calls per second")
                .add(series(t, "achieved", ACHIEVED, false, Interval::achievedPerSec))
                .add(series(t, "offered", OFFERED, true, Interval::offeredPerSec))
                .add(series(t, "failed", FAILED, false,
                        i -> i.lengthMs() > 0 ? i.failed() * 1000.0 / i.lengthMs() : Double.NaN))
                .render("rates");
    }

    /**
     * Calls in progress at the end of each interval.
     *
     * @param r the run
     * @return the SVG markup
     */
    public static String concurrent(RunResult r) {
        String title = "Concurrent calls";
        List<Interval> t = intervals(r);
        if (t.isEmpty()) {
            return SvgChart.empty("concurrent", title, "no intervals recorded");
        }
        return new LineChart(title, TIME, "calls in progress")
                .add(series(t, "concurrent", CONCURRENT, false, Interval::concurrent))
                .render("concurrent");
    }

    /**
     * Answer delay p50, p90, p99, p99.9 and max per interval, with gaps where nothing was answered.
     *
     * @param r the run
     * @return the SVG markup
     */
    public static String percentiles(RunResult r) {
        String title = "Latency percentiles over time (answer delay)";
        List<Interval> t = intervals(r);
        boolean any = false;
        for (Interval i : t) {
            any |= i.latency() != null;
        }
        if (!any) {
            return SvgChart.empty("percentiles", title,
                    t.isEmpty() ? "no intervals recorded" : "no call answered in any interval");
        }
        String[] names = {"p50", "p90", "p99", "p99.9", "max"};
        List<ToDoubleFunction<Interval.Percentiles>> getters = List.of(Interval.Percentiles::p50Ms,
                Interval.Percentiles::p90Ms, Interval.Percentiles::p99Ms, Interval.Percentiles::p999Ms,
                Interval.Percentiles::maxMs);
        LineChart chart = new LineChart(title, TIME, "milliseconds").allowLogScale();
        for (int k = 0; k < names.length; k++) {
            ToDoubleFunction<Interval.Percentiles> g = getters.get(k);
            chart.add(series(t, names[k], PERCENTILES.get(k), false,
                    i -> i.latency() == null ? Double.NaN : g.applyAsDouble(i.latency())));
        }
        return chart.render("percentiles");
    }

    /**
     * RTP over time ({@code --rtp}): the calls' mean and largest jitter, the mean round trip, and the packets lost
     * per interval, with gaps where nothing was measured; null when the run has no RTP figures.
     *
     * @param r the run
     * @return the SVG markup, or null
     */
    public static String rtp(RunResult r) {
        List<Interval> t = new ArrayList<>();
        for (Interval i : intervals(r)) {
            if (i.rtp() != null) {
                t.add(i);
            }
        }
        if (t.isEmpty()) {
            return null;
        }
        return new LineChart("RTP jitter, round trip and loss", TIME, "milliseconds (loss: packets)")
                .add(series(t, "jitter mean", PERCENTILES.get(0), false, i -> orNaN(i.rtp().jitterMeanMs())))
                .add(series(t, "jitter max", PERCENTILES.get(3), false, i -> orNaN(i.rtp().jitterMaxMs())))
                .add(series(t, "round trip mean", PERCENTILES.get(1), true, i -> orNaN(i.rtp().rttMeanMs())))
                .add(series(t, "packets lost", FAILED, true, i -> i.rtp().packetsLost()))
                .render("rtp");
    }

    private static double orNaN(double v) {
        return v < 0 ? Double.NaN : v;
    }

    /**
     * The histogram of one latency distribution, with its p50, p90 and p99 marked.
     *
     * @param l the distribution
     * @return the SVG markup
     */
    public static String histogram(LatencySummary l) {
        return new HistogramChart("Latency histogram: " + Facts.latencyTitle(l.name()), "milliseconds",
                l.histogram())
                .mark("p50", l.p50Ms())
                .mark("p90", l.p90Ms())
                .mark("p99", l.p99Ms())
                .render("histogram");
    }

    private static List<Interval> intervals(RunResult r) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : r.timeline()) {
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }

    private static Series series(List<Interval> t, String name, String colour, boolean dashed,
                                 ToDoubleFunction<Interval> value) {
        double[] x = new double[t.size()];
        double[] y = new double[t.size()];
        for (int k = 0; k < t.size(); k++) {
            x[k] = t.get(k).endMs() / 1000.0;
            y[k] = value.applyAsDouble(t.get(k));
        }
        return new Series(name, colour, dashed, x, y);
    }
}
