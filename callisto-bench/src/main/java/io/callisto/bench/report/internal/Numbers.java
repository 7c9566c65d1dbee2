package io.callisto.bench.report.internal;

import java.util.Locale;

/**
 * Number formatting shared by the reports: always {@link Locale#ROOT} (a dot for decimals, no grouping), so that
 * the output is the same on every machine and every column can be parsed back; {@code "-"} for values that are
 * not numbers.
 */
public final class Numbers {

    private Numbers() {
    }

    /** Magnitude from which numbers are shown in scientific notation rather than with all their digits. */
    private static final double HUGE = 1e12;

    /**
     * A latency in milliseconds with the precision that matters at its size: two decimals below 10 ms, one below
     * 1000 ms, none above ({@code 0.42}, {@code 21.3}, {@code 32000}).
     *
     * @param ms milliseconds
     * @return the text, or {@code "-"} when {@code ms} is NaN or infinite
     */
    public static String ms(double ms) {
        if (!Double.isFinite(ms)) {
            return "-";
        }
        double a = Math.abs(ms);
        if (a >= HUGE) {
            return scientific(ms);
        }
        if (a < 10) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        if (a < 1000) {
            return String.format(Locale.ROOT, "%.1f", ms);
        }
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    /**
     * A rate or any other quantity with one decimal ({@code 499.8}).
     *
     * @param v the value
     * @return the text, or {@code "-"} when {@code v} is NaN or infinite
     */
    public static String oneDecimal(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Math.abs(v) >= HUGE ? scientific(v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A value without trailing zeros and with at most three decimals ({@code 500}, {@code 12.5}): how settings
     * such as a target rate are shown.
     *
     * @param v the value
     * @return the text, or {@code "-"} when {@code v} is NaN or infinite
     */
    public static String compact(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (Math.abs(v) >= HUGE) {
            return scientific(v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        return s.equals("-0") ? "0" : s;
    }

    /**
     * A percentage with two decimals from a ratio between 0 and 1 ({@code 0.9912} → {@code 99.12 %}).
     *
     * @param ratio the ratio
     * @return the text, or {@code "-"} when {@code ratio} is NaN or infinite
     */
    public static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.2f %%", ratio * 100) : "-";
    }

    /**
     * A duration in seconds with one decimal ({@code 62.1 s}).
     *
     * @param ms milliseconds
     * @return the text
     */
    public static String seconds(long ms) {
        return oneDecimal(ms / 1000.0) + " s";
    }

    /**
     * A value for a machine-readable column: the shortest text that parses back to the same double, without
     * exponent for ordinary magnitudes; empty when the value is NaN or infinite.
     *
     * @param v the value
     * @return the text
     */
    public static String machine(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /**
     * A number in scientific notation with four significant digits ({@code 1.000e+15}).
     *
     * @param v the value
     * @return the text
     */
    public static String scientific(double v) {
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
