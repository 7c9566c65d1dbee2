package io.callisto.bench.report.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One chart axis: the domain it shows, where a value falls on it (0 at the low end, 1 at the high end) and its
 * ticks. A linear axis puts its ticks on "nice" steps (1, 2 or 5 times a power of ten) and widens its domain to
 * whole steps; a logarithmic axis puts them on powers of ten (adding 2 and 5 times those when it spans three
 * decades or fewer). Every input is tolerated: NaN and infinities are ignored, an empty or flat range becomes a
 * small range around its value, and magnitudes are kept within ±1e300 so nothing overflows.
 */
public final class Axis {

    private static final double LIMIT = 1e300;
    private static final int MAX_TICKS = 40;

    private final double min;
    private final double max;
    private final boolean log;
    private final List<BigDecimal> ticks;

    private Axis(double min, double max, boolean log, List<BigDecimal> ticks) {
        this.min = min;
        this.max = max;
        this.log = log;
        this.ticks = List.copyOf(ticks);
    }

    /**
     * A linear axis covering {@code [lo, hi]} with about {@code targetTicks} ticks on a nice step, its domain
     * widened to whole steps (so that it starts and ends on a tick).
     *
     * @param lo          lowest value to show (NaN or infinite: 0)
     * @param hi          highest value to show (NaN or infinite: {@code lo})
     * @param targetTicks how many ticks to aim for (at least 2)
     * @return the axis; its domain contains {@code [lo, hi]}
     */
    public static Axis linear(double lo, double hi, int targetTicks) {
        return linear(lo, hi, targetTicks, true);
    }

    /**
     * A linear axis whose domain is exactly {@code [lo, hi]} (a time axis ends where the run ended), with ticks
     * on a nice step inside it.
     *
     * @param lo          lowest value to show (NaN or infinite: 0)
     * @param hi          highest value to show (NaN or infinite: {@code lo})
     * @param targetTicks how many ticks to aim for (at least 2)
     * @return the axis
     */
    public static Axis linearExact(double lo, double hi, int targetTicks) {
        return linear(lo, hi, targetTicks, false);
    }

    private static Axis linear(double lo, double hi, int targetTicks, boolean snap) {
        lo = clamp(Double.isFinite(lo) ? lo : 0);
        hi = clamp(Double.isFinite(hi) ? hi : lo);
        if (hi < lo) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        if (hi == lo) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            hi = lo + pad;
            lo = lo > 0 ? Math.max(0, lo - pad) : lo - pad;
        }
        BigDecimal step = niceStep((hi - lo) / Math.max(2, targetTicks));
        double st = step.doubleValue();
        double firstIndex = snap ? Math.floor(lo / st) : Math.ceil(lo / st - 1e-9);
        double lastIndex = snap ? Math.ceil(hi / st) : Math.floor(hi / st + 1e-9);
        BigDecimal first = BigDecimal.valueOf(firstIndex).multiply(step);
        long count = (long) lastIndex - (long) firstIndex;
        count = Math.max(snap ? 1 : 0, Math.min(count, MAX_TICKS));
        List<BigDecimal> ticks = new ArrayList<>();
        for (long i = 0; i <= count; i++) {
            ticks.add(first.add(step.multiply(BigDecimal.valueOf(i))));
        }
        if (!snap) {
            return new Axis(lo, hi, false, ticks);
        }
        return new Axis(ticks.get(0).doubleValue(), ticks.get(ticks.size() - 1).doubleValue(), false, ticks);
    }

    /**
     * A logarithmic (base 10) axis covering {@code [lo, hi]}, both rounded out to powers of ten. Values that are
     * not positive are placed at the low end.
     *
     * @param lo       lowest positive value to show (not positive or not finite: {@code hi / 10})
     * @param hi       highest value to show
     * @param maxTicks the most ticks to label (at least 2): beyond, only every n-th power of ten has one
     * @return the axis
     */
    public static Axis log(double lo, double hi, int maxTicks) {
        hi = Double.isFinite(hi) && hi > 0 ? Math.min(hi, LIMIT) : 1;
        lo = Double.isFinite(lo) && lo > 0 ? Math.max(Math.min(lo, hi), 1e-300) : hi / 10;
        int e0 = (int) Math.floor(Math.log10(lo) + 1e-9);
        int e1 = (int) Math.ceil(Math.log10(hi) - 1e-9);
        if (e1 <= e0) {
            e1 = e0 + 1;
        }
        int limit = Math.max(2, Math.min(maxTicks, MAX_TICKS));
        int every = Math.max(1, (e1 - e0 + limit - 2) / (limit - 1));
        List<BigDecimal> ticks = new ArrayList<>();
        for (int e = e0; e <= e1; e += every) {
            ticks.add(BigDecimal.ONE.scaleByPowerOfTen(e));
            if (e1 - e0 <= 3 && e < e1) {
                ticks.add(BigDecimal.valueOf(2).scaleByPowerOfTen(e));
                ticks.add(BigDecimal.valueOf(5).scaleByPowerOfTen(e));
            }
        }
        return new Axis(Math.pow(10, e0), Math.pow(10, e1), true, ticks);
    }

    /**
     * The nice step nearest above {@code raw}: 1, 2 or 5 times a power of ten.
     *
     * @param raw a positive step (anything else: 1)
     * @return the step
     */
    public static BigDecimal niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return BigDecimal.ONE;
        }
        int exp = (int) Math.floor(Math.log10(raw));
        double mantissa = raw / Math.pow(10, exp);
        int nice;
        if (mantissa <= 1.0000001) {
            nice = 1;
        } else if (mantissa <= 2.0000001) {
            nice = 2;
        } else if (mantissa <= 5.0000001) {
            nice = 5;
        } else {
            nice = 1;
            exp++;
        }
        return BigDecimal.valueOf(nice).scaleByPowerOfTen(exp);
    }

    /**
     * Where {@code v} falls on the axis: 0 at the low end, 1 at the high end, outside [0, 1] beyond them.
     *
     * @param v a value (not finite: NaN; on a log axis, not positive: 0)
     * @return the fraction
     */
    public double fraction(double v) {
        if (!Double.isFinite(v)) {
            return Double.NaN;
        }
        if (log) {
            if (v <= 0) {
                return 0;
            }
            return (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (v - min) / (max - min);
    }

    /** @return the low end of the domain */
    public double min() {
        return min;
    }

    /** @return the high end of the domain */
    public double max() {
        return max;
    }

    /** @return true for a logarithmic axis */
    public boolean isLog() {
        return log;
    }

    /** @return the tick values, exact, in increasing order */
    public List<BigDecimal> ticks() {
        return ticks;
    }

    /**
     * The label of a tick: plain decimal without trailing zeros ({@code 0}, {@code 2.5}, {@code 0.02},
     * {@code 3500}), with k, M, G or T from 100 000 on ({@code 200k}, {@code 1.5M}) and in scientific notation
     * beyond ({@code 1E+18}) or for tiny values.
     *
     * @param tick a tick value
     * @return its label
     */
    public static String label(BigDecimal tick) {
        BigDecimal t = tick.round(MathContext.DECIMAL64).stripTrailingZeros();
        double a = Math.abs(t.doubleValue());
        if (a == 0) {
            return "0";
        }
        if (a < 1e-4 || a >= 1e15) {
            return t.round(new MathContext(3)).toString();
        }
        String[] suffix = {"", "k", "M", "G", "T"};
        int k = 0;
        boolean large = a >= 1e5;
        while (large && a >= 1000 && k < 4) {
            t = t.movePointLeft(3);
            a /= 1000;
            k++;
        }
        return t.stripTrailingZeros().toPlainString() + suffix[k];
    }

    private static double clamp(double v) {
        return Math.max(-LIMIT, Math.min(LIMIT, v));
    }
}
