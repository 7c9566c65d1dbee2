package io.callisto.bench.report.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A line chart of one or more {@link Series} over a shared x axis, e.g. offered and achieved rate over time.
 * Each series is drawn as exactly one {@code <path class="series">} (a gap starts a new sub-path), points with no
 * neighbour on either side are drawn as dots as well (a one-interval run is one dot per series), and series
 * longer than the plot is wide are {@linkplain Series#downsampled(int) downsampled} keeping their peaks. The y
 * axis starts at 0 unless {@linkplain #allowLogScale() logarithmic}, which it becomes only when the data spans
 * more than {@value #LOG_RATIO} to 1 (latency percentiles next to a 32 s timeout maximum).
 */
public final class LineChart {

    /** Ratio of largest to smallest positive value above which a chart that allows it uses a log scale. */
    public static final double LOG_RATIO = 1000;

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private boolean allowLog;

    /**
     * An empty chart.
     *
     * @param title  the title
     * @param xTitle the x axis title, with its unit
     * @param yTitle the y axis title, with its unit
     */
    public LineChart(String title, String xTitle, String yTitle) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * Adds a series; they are drawn (and listed in the legend) in the order added.
     *
     * @param s the series
     * @return this chart
     */
    public LineChart add(Series s) {
        series.add(s);
        return this;
    }

    /**
     * Lets the y axis become logarithmic when the values span more than {@value #LOG_RATIO} to 1.
     *
     * @return this chart
     */
    public LineChart allowLogScale() {
        allowLog = true;
        return this;
    }

    /**
     * Draws the chart.
     *
     * @param cssClass the class of the {@code <svg>} element
     * @return the SVG markup
     */
    public String render(String cssClass) {
        double xMax = 0;
        double yMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMinPositive = Double.POSITIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i])) {
                    xMax = Math.max(xMax, s.x()[i]);
                }
                double v = s.y()[i];
                if (Double.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                    yMin = Math.min(yMin, v);
                    if (v > 0) {
                        yMinPositive = Math.min(yMinPositive, v);
                    }
                }
            }
        }
        if (yMax == Double.NEGATIVE_INFINITY) {
            yMax = 0;
            yMin = 0;
        }
        boolean log = allowLog && yMinPositive < Double.POSITIVE_INFINITY && yMax / yMinPositive > LOG_RATIO;
        Axis yAxis = log ? Axis.log(yMinPositive, yMax, 8) : Axis.linear(Math.min(0, yMin), yMax, 6);
        Axis xAxis = Axis.linearExact(0, xMax > 0 ? xMax : 1, 10);
        SvgChart frame = new SvgChart(title, xAxis, xTitle, yAxis, yTitle);
        Svg svg = frame.begin(cssClass);
        int buckets = (int) ((SvgChart.RIGHT - SvgChart.LEFT) / 2);
        List<SvgChart.Entry> legend = new ArrayList<>();
        for (Series s : series) {
            draw(svg, frame, s.downsampled(buckets));
            legend.add(new SvgChart.Entry(s.name(), s.colour(), s.dashed(), false));
        }
        frame.legend(svg, legend);
        return svg.finish();
    }

    private static void draw(Svg svg, SvgChart frame, Series s) {
        StringBuilder d = new StringBuilder(s.x().length * 12);
        List<double[]> dots = new ArrayList<>();
        double[] x = s.x();
        double[] y = s.y();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i]) || !Double.isFinite(x[i])) {
                continue;
            }
            boolean prev = i > 0 && Double.isFinite(y[i - 1]) && Double.isFinite(x[i - 1]);
            boolean next = i + 1 < x.length && Double.isFinite(y[i + 1]) && Double.isFinite(x[i + 1]);
            double px = frame.px(x[i]);
            double py = frame.py(y[i]);
            if (d.length() > 0) {
                d.append(' ');
            }
            d.append(prev ? 'L' : 'M').append(Svg.num(px)).append(' ').append(Svg.num(py));
            if (!prev && !next) {
                dots.add(new double[] {px, py});
            }
        }
        svg.empty("path", "class", "series", "data-series", s.name(), "d", d.toString(), "fill", "none",
                "stroke", s.colour(), "stroke-width", "2", "stroke-linejoin", "round",
                "stroke-dasharray", s.dashed() ? "7 5" : "none");
        if (!dots.isEmpty()) {
            svg.open("g", "class", "dots", "fill", s.colour());
            for (double[] p : dots) {
                svg.empty("circle", "cx", Svg.num(p[0]), "cy", Svg.num(p[1]), "r", "3.5");
            }
            svg.close("g");
        }
    }
}
