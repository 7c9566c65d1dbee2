package io.callisto.bench.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private static Series ramp(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = i % 7;
        }
        return new Series("s", "#000", false, x, y);
    }

    @Test
    void shortSeriesAreLeftAlone() {
        Series s = ramp(100);
        assertThat(s.downsampled(50)).isSameAs(s);
    }

    @Test
    void longSeriesShrinkButKeepTheirPeaksAndGaps() {
        Series s = ramp(3600);
        s.y()[1234] = 1e6; // a spike
        s.y()[2000] = Double.NaN; // a gap
        Series d = s.downsampled(500);
        assertThat(d.x().length).isLessThanOrEqualTo(1500).isLessThan(3600);
        assertThat(Arrays.stream(d.y()).filter(Double::isFinite).max().orElseThrow()).isEqualTo(1e6);
        assertThat(Arrays.stream(d.y()).anyMatch(Double::isNaN)).isTrue();
        for (int i = 1; i < d.x().length; i++) {
            assertThat(d.x()[i]).isGreaterThan(d.x()[i - 1]);
        }
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> new Series("s", "#000", false, new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
