package io.callisto.bench.report.internal;

import io.callisto.bench.report.LatencySummary.Bucket;
import java.util.ArrayList;
import java.util.List;

/**
 * A latency histogram: one bar per bucket (samples in {@code (from, to]}) over a latency axis, with dashed
 * vertical markers at chosen percentiles. The latency axis is logarithmic when the buckets span more than
 * {@value #LOG_RATIO} to 1 (a 20 ms answer delay and a 32 s timeout in one chart), linear otherwise. More than
 * {@value #MAX_BARS} buckets are merged in consecutive groups; buckets that make no sense (bounds not finite,
 * upper below lower, negative counts) are left out.
 */
public final class HistogramChart {

    /** Bucket span (largest upper bound over smallest positive bound) above which the latency axis is log. */
    public static final double LOG_RATIO = 100;
    /** The most bars drawn. */
    public static final int MAX_BARS = 240;

    private static final String BAR_COLOUR = "#0072b2";
    private static final String[] MARKER_COLOURS = {"#009e73", "#e69f00", "#d55e00", "#cc79a7"};

    private final String title;
    private final String xTitle;
    private final List<Bucket> buckets;
    private final List<Marker> markers = new ArrayList<>();

    /**
     * A histogram.
     *
     * @param title   the title
     * @param xTitle  the latency axis title, with its unit
     * @param buckets the buckets, in order
     */
    public HistogramChart(String title, String xTitle, List<Bucket> buckets) {
        this.title = title;
        this.xTitle = xTitle;
        this.buckets = clean(buckets);
    }

    /**
     * Adds a vertical marker (e.g. p99) at {@code value}; a marker that is not finite is left out.
     *
     * @param name  the legend text
     * @param value where on the latency axis
     * @return this chart
     */
    public HistogramChart mark(String name, double value) {
        if (Double.isFinite(value)) {
            markers.add(new Marker(name, value));
        }
        return this;
    }

    /**
     * Draws the chart, or an empty chart saying so when there is no sample.
     *
     * @param cssClass the class of the {@code <svg>} element
     * @return the SVG markup
     */
    public String render(String cssClass) {
        List<Bucket> bars = merged(buckets);
        long maxCount = 0;
        double lo = Double.POSITIVE_INFINITY;
        double loPositive = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Bucket b : bars) {
            maxCount = Math.max(maxCount, b.count());
            lo = Math.min(lo, b.fromMs());
            hi = Math.max(hi, b.toMs());
            if (b.fromMs() > 0) {
                loPositive = Math.min(loPositive, b.fromMs());
            } else if (b.toMs() > 0) {
                loPositive = Math.min(loPositive, b.toMs());
            }
        }
        if (maxCount == 0) {
            return SvgChart.empty(cssClass, title, "no samples");
        }
        boolean log = loPositive < Double.POSITIVE_INFINITY && hi / loPositive > LOG_RATIO;
        Axis xAxis = log ? Axis.log(loPositive, hi, 12) : Axis.linear(Math.min(lo, 0), hi, 10);
        Axis yAxis = Axis.linear(0, maxCount, 5);
        SvgChart frame = new SvgChart(title, xAxis, xTitle + (log ? " (log scale)" : ""), yAxis,
                "samples per bucket");
        Svg svg = frame.begin(cssClass);
        StringBuilder d = new StringBuilder(bars.size() * 24);
        for (Bucket b : bars) {
            if (b.count() == 0) {
                continue;
            }
            double x0 = frame.px(b.fromMs());
            double x1 = frame.px(b.toMs());
            double w = x1 - x0;
            if (w > 3) {
                x0 += 0.5;
                w -= 1;
            }
            w = Math.max(w, 1);
            double top = frame.py(b.count());
            d.append('M').append(Svg.num(x0)).append(' ').append(Svg.num(SvgChart.BOTTOM))
                    .append('V').append(Svg.num(top)).append('h').append(Svg.num(w))
                    .append('V').append(Svg.num(SvgChart.BOTTOM)).append('Z');
        }
        svg.empty("path", "class", "bars", "d", d.toString(), "fill", BAR_COLOUR);
        List<SvgChart.Entry> legend = new ArrayList<>();
        legend.add(new SvgChart.Entry("samples", BAR_COLOUR, false, true));
        for (int i = 0; i < markers.size(); i++) {
            Marker m = markers.get(i);
            String colour = MARKER_COLOURS[i % MARKER_COLOURS.length];
            double mx = frame.px(m.value());
            svg.empty("line", "class", "marker", "data-marker", m.name(), "x1", Svg.num(mx), "y1",
                    Svg.num(SvgChart.TOP), "x2", Svg.num(mx), "y2", Svg.num(SvgChart.BOTTOM), "stroke", colour,
                    "stroke-width", "2", "stroke-dasharray", "5 4");
            legend.add(new SvgChart.Entry(m.name() + " " + Numbers.ms(m.value()) + " ms", colour, true, false));
        }
        frame.legend(svg, legend);
        return svg.finish();
    }

    private static List<Bucket> clean(List<Bucket> in) {
        List<Bucket> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (Bucket b : in) {
            if (b != null && Double.isFinite(b.fromMs()) && Double.isFinite(b.toMs()) && b.toMs() >= b.fromMs()
                    && b.count() >= 0) {
                out.add(b);
            }
        }
        return out;
    }

    private static List<Bucket> merged(List<Bucket> in) {
        if (in.size() <= MAX_BARS) {
            return in;
        }
        int group = (in.size() + MAX_BARS - 1) / MAX_BARS;
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i += group) {
            int end = Math.min(in.size(), i + group);
            long count = 0;
            for (int j = i; j < end; j++) {
                count = saturatedAdd(count, in.get(j).count());
            }
            out.add(new Bucket(in.get(i).fromMs(), in.get(end - 1).toMs(), count));
        }
        return out;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private record Marker(String name, double value) {
    }
}
