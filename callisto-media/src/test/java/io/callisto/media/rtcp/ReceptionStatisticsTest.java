package io.callisto.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    @Test
    void aSourceIsOnProbationUntilTwoPacketsInSequence() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 100);
        assertThat(s.onSequence(100)).isFalse();
        assertThat(s.valid()).isFalse();
        assertThat(s.onSequence(101)).isTrue();
        assertThat(s.valid()).isTrue();
        assertThat(s.received()).isEqualTo(1);
        assertThat(s.expected()).isEqualTo(1); // §A.1: counting starts at the packet that ends probation
    }

    @Test
    void probationRestartsOnAnOutOfOrderPacket() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 100);
        assertThat(s.onSequence(100)).isFalse();
        assertThat(s.onSequence(105)).isFalse();
        assertThat(s.onSequence(106)).isTrue();
    }

    @Test
    void sequenceWrapCountsCycles() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 65533);
        for (int seq : new int[] {65533, 65534, 65535, 0, 1}) {
            s.onSequence(seq);
        }
        assertThat(s.extendedMax()).isEqualTo(65536 + 1);
        assertThat(s.expected()).isEqualTo(4); // 65534, 65535, 0, 1
        assertThat(s.lost()).isZero();
        assertThat(s.report(0).highestSequence()).isEqualTo(0x00010001L);
    }

    @Test
    void lossAndFractionOfAppendixA3() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 0);
        s.onSequence(0);
        for (int seq = 1; seq <= 10; seq++) {
            if (seq != 4 && seq != 7) {
                s.onSequence(seq);
            }
        }
        // base 1, max 10: expected 10, received 8
        assertThat(s.expected()).isEqualTo(10);
        assertThat(s.lost()).isEqualTo(2);
        ReportBlock first = s.report(0);
        assertThat(first.fractionLost()).isEqualTo(2 * 256 / 10); // 51
        assertThat(first.cumulativeLost()).isEqualTo(2);
        for (int seq = 11; seq <= 14; seq++) {
            s.onSequence(seq);
        }
        ReportBlock second = s.report(0);
        assertThat(second.fractionLost()).isZero(); // nothing lost in this interval
        assertThat(second.cumulativeLost()).isEqualTo(2);
        s.onSequence(14); // a duplicate: received grows beyond expected
        s.onSequence(15);
        assertThat(s.report(0).fractionLost()).isZero(); // lost_interval <= 0 gives 0
    }

    @Test
    void aHugeJumpIsAcceptedOnlyWhenTheNextPacketConfirmsIt() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 10);
        s.onSequence(10);
        s.onSequence(11);
        assertThat(s.onSequence(20000)).isFalse();
        assertThat(s.onSequence(12)).isTrue();
        assertThat(s.onSequence(30000)).isFalse();
        assertThat(s.onSequence(30001)).isTrue(); // confirmed: the source restarted, statistics re-based
        assertThat(s.expected()).isEqualTo(1);
        assertThat(s.received()).isEqualTo(1);
    }

    @Test
    void jitterOfAppendixA8InTimestampUnitsAndMillis() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 0);
        // packets every 20 ms (160 units); the third arrives 10 ms (80 units) late, the fourth on time
        s.onTiming(0, 0);
        s.onTiming(160, 20_000);
        assertThat(s.jitter()).isZero();
        s.onTiming(320, 50_000); // D = 80
        assertThat(s.jitter()).isEqualTo(5.0); // 0 + (80 - 0) / 16
        s.onTiming(480, 60_000); // D = -80
        assertThat(s.jitter()).isEqualTo(5.0 + (80 - 5.0) / 16); // 9.6875
        assertThat(s.jitterMillis()).isEqualTo(9.6875 / 8);
        assertThat(s.report(0).jitter()).isEqualTo(9);
    }

    @Test
    void reportCarriesLsrAndDlsrOfTheLastSenderReport() {
        ReceptionStatistics s = new ReceptionStatistics(1, 8000, 0);
        assertThat(s.report(0).lastSr()).isZero();
        s.onSenderReport(0x0000B705_20000000L, 1000);
        ReportBlock b = s.report(6250); // 5.25 s later
        assertThat(b.lastSr()).isEqualTo(0xB7052000L);
        assertThat(b.delaySinceLastSr()).isEqualTo(0x00054000L);
    }
}
