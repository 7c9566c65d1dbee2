package io.callisto.bench.report.internal;

import java.util.Locale;

/**
 * A small writer of SVG markup that is also well-formed XML: every attribute value and every text goes through
 * {@link Text#xml(String)}, and coordinates are written with {@link Locale#ROOT} and one decimal. The output is
 * meant to be inlined in an HTML page, so the root element carries no namespace declaration (HTML parsers put
 * {@code <svg>} in the SVG namespace by themselves) and nothing refers to anything outside the document.
 */
public final class Svg {

    private final StringBuilder out = new StringBuilder(4096);

    /**
     * Starts an {@code <svg>} element with a view box of {@code width × height} that scales to its container's
     * width.
     *
     * @param width     view box width
     * @param height    view box height
     * @param className the CSS class of the element
     * @param label     the accessible name ({@code aria-label})
     */
    public Svg(int width, int height, String className, String label) {
        out.append("<svg viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" width=\"100%\" role=\"img\" class=\"").append(Text.xml(className))
                .append("\" aria-label=\"").append(Text.xml(label)).append("\">\n");
    }

    /**
     * Formats a coordinate with one decimal.
     *
     * @param v the coordinate (NaN or infinite: 0)
     * @return the text
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.1f", v);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.equals("-0") ? "0" : s;
    }

    /**
     * Writes an element without content: {@code <name a="v" .../>}.
     *
     * @param name       the element name
     * @param attributes names and values, alternating; values are escaped
     * @return this writer
     */
    public Svg empty(String name, String... attributes) {
        startTag(name, attributes);
        out.append("/>\n");
        return this;
    }

    /**
     * Opens an element: {@code <name a="v" ...>}; close it with {@link #close(String)}.
     *
     * @param name       the element name
     * @param attributes names and values, alternating; values are escaped
     * @return this writer
     */
    public Svg open(String name, String... attributes) {
        startTag(name, attributes);
        out.append(">\n");
        return this;
    }

    /**
     * Closes an element opened with {@link #open(String, String...)}.
     *
     * @param name the element name
     * @return this writer
     */
    public Svg close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /**
     * Writes an element with escaped text content: {@code <name a="v">text</name>}.
     *
     * @param name       the element name
     * @param text       the content, escaped
     * @param attributes names and values, alternating; values are escaped
     * @return this writer
     */
    public Svg text(String name, String text, String... attributes) {
        startTag(name, attributes);
        out.append('>').append(Text.xml(text)).append("</").append(name).append(">\n");
        return this;
    }

    /**
     * Writes a {@code <text>} element at {@code (x, y)}.
     *
     * @param x      x coordinate
     * @param y      y coordinate (baseline)
     * @param anchor {@code start}, {@code middle} or {@code end}
     * @param cls    CSS class
     * @param text   the text, escaped
     * @return this writer
     */
    public Svg label(double x, double y, String anchor, String cls, String text) {
        return text("text", text, "x", num(x), "y", num(y), "text-anchor", anchor, "class", cls);
    }

    /**
     * Writes a straight {@code <line>}.
     *
     * @param x1  start x
     * @param y1  start y
     * @param x2  end x
     * @param y2  end y
     * @param cls CSS class
     * @return this writer
     */
    public Svg line(double x1, double y1, double x2, double y2, String cls) {
        return empty("line", "x1", num(x1), "y1", num(y1), "x2", num(x2), "y2", num(y2), "class", cls);
    }

    /**
     * Ends the {@code <svg>} element and returns the markup.
     *
     * @return the SVG markup
     */
    public String finish() {
        out.append("</svg>\n");
        return out.toString();
    }

    private void startTag(String name, String... attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(Text.xml(attributes[i + 1])).append('"');
        }
    }
}
