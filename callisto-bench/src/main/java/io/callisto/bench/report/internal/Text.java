package io.callisto.bench.report.internal;

/**
 * Escaping for the places report strings go. Scenario names, targets, settings and failure reasons come from the
 * user (command line, scenario files) or from the network (status codes as text), so every one of them passes
 * through here before it reaches a terminal, an HTML page or an SVG chart.
 */
public final class Text {

    private Text() {
    }

    /**
     * Escapes {@code s} for HTML/XML text and attribute values (double- or single-quoted): {@code & < > " '}
     * become character references, and control characters that XML 1.0 forbids become {@code U+FFFD}. Null
     * becomes the empty string.
     *
     * @param s any string, or null
     * @return text safe in element content and in quoted attribute values
     */
    public static String xml(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append('\uFFFD'); // a lone surrogate is not a character
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * Makes {@code s} safe to print on a terminal on one line: control characters (including ESC, so no escape
     * sequence gets through, and line breaks) become {@code ?}. Null becomes {@code "-"}.
     *
     * @param s any string, or null
     * @return a printable single-line string
     */
    public static String plain(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return b.toString();
    }

    /**
     * Pads {@code s} with spaces on the right to {@code width} characters (no cut when longer).
     *
     * @param s     the text
     * @param width the width to reach
     * @return the padded text
     */
    public static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /**
     * Pads {@code s} with spaces on the left to {@code width} characters (no cut when longer).
     *
     * @param s     the text
     * @param width the width to reach
     * @return the padded text
     */
    public static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
