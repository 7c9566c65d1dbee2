package io.callisto.bench.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.bench.report.RtpFigures;
import io.callisto.media.rtp.RtpStatistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpTallyTest {

    /** Counters of one session: sent, received, lost, jitter (ms), round trip (ms, -1 unknown). */
    private static RtpStatistics stats(long sent, long received, long lost, double jitter, double rtt) {
        return new RtpStatistics(sent, sent * 160, received, received * 160, lost, jitter, rtt, -1, -1, 0, 0, 0, 0,
                0);
    }

    @Test
    void anIntervalCountsTheGrowthOfEverySession() {
        RtpTally t = new RtpTally();
        t.opened();
        t.opened();
        List<Double> jitter = new ArrayList<>();
        List<Double> rtt = new ArrayList<>();
        RtpFigures first = t.interval(List.of(stats(50, 48, 1, 2.0, -1), stats(50, 50, 0, 4.0, 10.0)),
                jitter::add, rtt::add);
        assertThat(first).isEqualTo(new RtpFigures(2, 100, 98, 1, 3.0, 4.0, 10.0, 10.0));
        assertThat(jitter).containsExactly(2.0, 4.0);
        assertThat(rtt).containsExactly(10.0);

        RtpFigures second = t.interval(List.of(stats(100, 98, 1, 1.0, 6.0), stats(100, 100, 0, 3.0, 8.0)),
                jitter::add, rtt::add);
        assertThat(second).isEqualTo(new RtpFigures(2, 100, 100, 0, 2.0, 3.0, 7.0, 8.0));
        assertThat(second.lossRatio()).isZero();
        assertThat(first.lossRatio()).isEqualTo(1.0 / 99);
    }

    @Test
    void aSessionThatClosesIsCountedOnceWithItsFinalCounters() {
        RtpTally t = new RtpTally();
        t.opened();
        t.interval(List.of(stats(50, 50, 0, 1.0, -1)), j -> { }, r -> { });
        // it sent 10 and received 8 more before closing: those land in the next interval, not twice
        t.closed(stats(60, 58, 2, 1.0, -1));
        RtpFigures next = t.interval(List.of(), j -> { }, r -> { });
        assertThat(next).isEqualTo(new RtpFigures(0, 10, 8, 2, -1, -1, -1, -1));
        assertThat(t.run(1.5, 2.5, -1, -1)).isEqualTo(new RtpFigures(1, 60, 58, 2, 1.5, 2.5, -1, -1));
    }

    @Test
    void sessionsThatReceivedNothingGiveNoJitterSample() {
        RtpTally t = new RtpTally();
        List<Double> jitter = new ArrayList<>();
        RtpFigures f = t.interval(List.of(stats(5, 0, 0, 0, -1)), jitter::add, r -> { });
        assertThat(jitter).isEmpty();
        assertThat(f.jitterMeanMs()).isEqualTo(-1);
        assertThat(f.jitterMaxMs()).isEqualTo(-1);
        assertThat(f.lossRatio()).isZero();
    }
}
