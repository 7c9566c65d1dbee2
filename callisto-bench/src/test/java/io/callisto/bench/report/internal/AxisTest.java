package io.callisto.bench.report.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    /** A nice step is 1, 2 or 5 times a power of ten. */
    static boolean isNice(BigDecimal step) {
        java.math.BigInteger m = step.stripTrailingZeros().unscaledValue().abs();
        return m.intValue() == 1 || m.intValue() == 2 || m.intValue() == 5;
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(Axis.niceStep(0.7)).isEqualByComparingTo("1");
        assertThat(Axis.niceStep(1)).isEqualByComparingTo("1");
        assertThat(Axis.niceStep(1.3)).isEqualByComparingTo("2");
        assertThat(Axis.niceStep(3)).isEqualByComparingTo("5");
        assertThat(Axis.niceStep(87)).isEqualByComparingTo("100");
        assertThat(Axis.niceStep(0.0042)).isEqualByComparingTo("0.005");
        assertThat(Axis.niceStep(-1)).isEqualByComparingTo("1");
        assertThat(Axis.niceStep(Double.NaN)).isEqualByComparingTo("1");
        for (double raw : new double[] {1e-9, 0.3, 7, 12, 49, 51, 999, 1e7, 3.3e200}) {
            assertThat(isNice(Axis.niceStep(raw))).as("step for %s", raw).isTrue();
            assertThat(Axis.niceStep(raw).doubleValue()).isGreaterThanOrEqualTo(raw * 0.9999999);
        }
    }

    @Test
    void linearAxisCoversTheDataOnWholeNiceSteps() {
        Axis a = Axis.linear(0, 523, 6);
        assertThat(a.ticks()).extracting(Axis::label)
                .containsExactly("0", "100", "200", "300", "400", "500", "600");
        assertThat(a.min()).isEqualTo(0);
        assertThat(a.max()).isEqualTo(600);
        assertThat(a.fraction(300)).isEqualTo(0.5);
    }

    @Test
    void exactAxisEndsWhereTheDataEnds() {
        Axis a = Axis.linearExact(0, 3600, 10);
        assertThat(a.max()).isEqualTo(3600);
        assertThat(a.ticks()).extracting(Axis::label).containsExactly("0", "500", "1000", "1500", "2000", "2500",
                "3000", "3500");
        assertThat(a.fraction(3600)).isEqualTo(1);
    }

    @Test
    void decimalTicksHaveNoFloatingPointNoise() {
        Axis a = Axis.linear(0, 0.7, 7);
        assertThat(a.ticks()).extracting(Axis::label)
                .containsExactly("0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7");
    }

    @Test
    void flatEmptyAndNonFiniteRangesStillGiveAUsableAxis() {
        for (Axis a : List.of(Axis.linear(0, 0, 5), Axis.linear(Double.NaN, Double.NaN, 5),
                Axis.linear(42, 42, 5), Axis.linear(5, 1, 5), Axis.linear(-1e308, Double.MAX_VALUE, 5),
                Axis.linear(0, Double.POSITIVE_INFINITY, 5), Axis.linearExact(7, 7, 5))) {
            assertThat(a.max()).isGreaterThan(a.min());
            assertThat(a.ticks()).isNotEmpty().hasSizeLessThanOrEqualTo(41);
            assertThat(Double.isFinite(a.fraction(a.min()))).isTrue();
        }
        assertThat(Axis.linear(0, 0, 5).ticks()).extracting(Axis::label).contains("0", "1");
        assertThat(Axis.linear(42, 42, 5).min()).isLessThanOrEqualTo(42);
        assertThat(Axis.linear(42, 42, 5).max()).isGreaterThanOrEqualTo(42);
    }

    @Test
    void hugeValuesGetShortLabels() {
        Axis a = Axis.linear(0, 9.2e18, 5);
        for (BigDecimal t : a.ticks()) {
            assertThat(Axis.label(t)).hasSizeLessThan(10);
        }
        assertThat(Axis.label(new BigDecimal("250000"))).isEqualTo("250k");
        assertThat(Axis.label(new BigDecimal("1500000"))).isEqualTo("1.5M");
        assertThat(Axis.label(new BigDecimal("20000"))).isEqualTo("20000");
        assertThat(Axis.label(new BigDecimal("0.00001"))).isEqualTo("0.00001");
    }

    @Test
    void logAxisTicksArePowersOfTenWithTwoAndFiveOnShortSpans() {
        Axis a = Axis.log(3, 90, 12);
        assertThat(a.isLog()).isTrue();
        assertThat(a.min()).isEqualTo(1);
        assertThat(a.max()).isEqualTo(100);
        assertThat(a.ticks()).extracting(Axis::label).containsExactly("1", "2", "5", "10", "20", "50", "100");
        assertThat(a.fraction(10)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Axis.log(3, 450, 12).ticks()).extracting(Axis::label).containsExactly("1", "2", "5", "10", "20",
                "50", "100", "200", "500", "1000");
        assertThat(Axis.log(3, 45000, 12).ticks()).extracting(Axis::label).containsExactly("1", "10", "100", "1000",
                "10000", "100k");
        assertThat(a.fraction(0)).isEqualTo(0);
        Axis wide = Axis.log(1e-3, 1e300, 8);
        assertThat(wide.ticks()).hasSizeLessThanOrEqualTo(8);
        Axis bad = Axis.log(Double.NaN, -5, 8);
        assertThat(bad.max()).isGreaterThan(bad.min());
    }
}
