package io.callisto.bench.report.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The frame every chart of the HTML report shares: a fixed view box ({@value #WIDTH} × {@value #HEIGHT}, scaled to
 * the page width), a title, a legend on its own row under the title, a plot area with grid lines at the ticks,
 * tick labels on both axes and an axis title on each. Charts ({@link LineChart}, {@link HistogramChart}) draw
 * their data on top, mapping values to the plot area with {@link #px(double)} and {@link #py(double)}.
 */
public final class SvgChart {

    /** View box width. */
    public static final int WIDTH = 1100;
    /** View box height. */
    public static final int HEIGHT = 310;
    /** Left edge of the plot area. */
    public static final double LEFT = 78;
    /** Right edge of the plot area. */
    public static final double RIGHT = WIDTH - 28;
    /** Top edge of the plot area. */
    public static final double TOP = 60;
    /** Bottom edge of the plot area. */
    public static final double BOTTOM = HEIGHT - 48;

    private static final double CHAR_WIDTH = 7.2;

    private final String title;
    private final Axis x;
    private final Axis y;
    private final String xTitle;
    private final String yTitle;

    /**
     * A frame.
     *
     * @param title  the chart title
     * @param x      the horizontal axis
     * @param xTitle what the horizontal axis measures, with its unit
     * @param y      the vertical axis
     * @param yTitle what the vertical axis measures, with its unit
     */
    public SvgChart(String title, Axis x, String xTitle, Axis y, String yTitle) {
        this.title = title;
        this.x = x;
        this.xTitle = xTitle;
        this.y = y;
        this.yTitle = yTitle;
    }

    /**
     * The horizontal position of {@code v}, kept just inside the plot area's surroundings.
     *
     * @param v a value on the x axis
     * @return the position in view box units
     */
    public double px(double v) {
        return LEFT + clampFraction(x.fraction(v)) * (RIGHT - LEFT);
    }

    /**
     * The vertical position of {@code v}, kept just inside the plot area's surroundings.
     *
     * @param v a value on the y axis
     * @return the position in view box units
     */
    public double py(double v) {
        return BOTTOM - clampFraction(y.fraction(v)) * (BOTTOM - TOP);
    }

    /** @return the horizontal axis */
    public Axis xAxis() {
        return x;
    }

    /** @return the vertical axis */
    public Axis yAxis() {
        return y;
    }

    /**
     * Starts the chart: the {@code <svg>} element, the title, the grid, the axes, their ticks and titles.
     *
     * @param cssClass the class of the {@code <svg>} element
     * @return the writer to draw the data and the legend with; end it with {@link Svg#finish()}
     */
    public Svg begin(String cssClass) {
        Svg svg = new Svg(WIDTH, HEIGHT, "chart " + cssClass, title);
        svg.label(LEFT, 24, "start", "title", title);
        svg.open("g", "class", "grid");
        for (BigDecimal t : y.ticks()) {
            double ty = py(t.doubleValue());
            svg.line(LEFT, ty, RIGHT, ty, "gridline");
        }
        for (BigDecimal t : x.ticks()) {
            double tx = px(t.doubleValue());
            svg.line(tx, TOP, tx, BOTTOM, "gridline");
        }
        svg.close("g");
        svg.open("g", "class", "axes");
        svg.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis");
        svg.line(LEFT, TOP, LEFT, BOTTOM, "axis");
        for (BigDecimal t : y.ticks()) {
            double ty = py(t.doubleValue());
            svg.line(LEFT - 5, ty, LEFT, ty, "tick");
            svg.label(LEFT - 8, ty + 4, "end", "ticklabel", Axis.label(t));
        }
        for (BigDecimal t : x.ticks()) {
            double tx = px(t.doubleValue());
            svg.line(tx, BOTTOM, tx, BOTTOM + 5, "tick");
            svg.label(tx, BOTTOM + 19, "middle", "ticklabel", Axis.label(t));
        }
        svg.label((LEFT + RIGHT) / 2, HEIGHT - 12, "middle", "axistitle", xTitle);
        double midY = (TOP + BOTTOM) / 2;
        svg.text("text", yTitle + (y.isLog() ? " (log scale)" : ""), "x", "0", "y", "0",
                "text-anchor", "middle", "class", "axistitle",
                "transform", "translate(18 " + Svg.num(midY) + ") rotate(-90)");
        svg.close("g");
        return svg;
    }

    /**
     * Draws the legend on the row under the title, right-aligned: a short line (or a box, for bars) in each
     * entry's colour, then its name.
     *
     * @param svg     the chart being drawn
     * @param entries the entries, in order
     */
    public void legend(Svg svg, List<Entry> entries) {
        double total = 0;
        for (Entry e : entries) {
            total += entryWidth(e);
        }
        double at = Math.max(LEFT, RIGHT - total);
        svg.open("g", "class", "legend");
        for (Entry e : entries) {
            double yMid = 42;
            if (e.box()) {
                svg.empty("rect", "x", Svg.num(at), "y", Svg.num(yMid - 6), "width", "14", "height", "12",
                        "fill", e.colour());
            } else {
                svg.empty("line", "x1", Svg.num(at), "y1", Svg.num(yMid), "x2", Svg.num(at + 22),
                        "y2", Svg.num(yMid), "stroke", e.colour(), "stroke-width", "3",
                        "stroke-dasharray", e.dashed() ? "6 4" : "none");
            }
            svg.label(at + 28, yMid + 4, "start", "legendlabel", e.name());
            at += entryWidth(e);
        }
        svg.close("g");
    }

    /**
     * A chart that has nothing to show: the title and a message in the middle of an empty plot area.
     *
     * @param cssClass the class of the {@code <svg>} element
     * @param title    the chart title
     * @param message  why there is nothing ({@code "no calls answered"})
     * @return the SVG markup
     */
    public static String empty(String cssClass, String title, String message) {
        Svg svg = new Svg(WIDTH, 120, "chart empty " + cssClass, title);
        svg.label(LEFT, 24, "start", "title", title);
        svg.empty("rect", "x", Svg.num(LEFT), "y", "40", "width", Svg.num(RIGHT - LEFT), "height", "60",
                "class", "nodata");
        svg.label((LEFT + RIGHT) / 2, 75, "middle", "nodatalabel", message);
        return svg.finish();
    }

    private static double entryWidth(Entry e) {
        return 28 + CHAR_WIDTH * (e.name() == null ? 0 : e.name().length()) + 22;
    }

    private static double clampFraction(double f) {
        if (Double.isNaN(f)) {
            return 0;
        }
        return Math.max(-0.02, Math.min(1.02, f));
    }

    /**
     * One legend entry.
     *
     * @param name   the text
     * @param colour a CSS colour
     * @param dashed true for a dashed line swatch
     * @param box    true for a filled box swatch (bars) instead of a line
     */
    public record Entry(String name, String colour, boolean dashed, boolean box) {
    }
}
