package io.callisto.bench.report;

import io.callisto.bench.report.internal.Numbers;
import io.callisto.bench.report.internal.TextTable;

/** The text of RTP figures in the summary and status lines. */
final class RtpText {

    private RtpText() {
    }

    /** Milliseconds, or {@code -} for an unknown value (negative). */
    static String ms(double v) {
        return v < 0 || Double.isNaN(v) ? "-" : Numbers.ms(v);
    }

    /** The summary's RTP block (a title line and aligned rows). */
    static String block(RtpFigures f) {
        TextTable t = new TextTable("  ");
        t.row("sessions", Long.toString(f.sessions()));
        t.row("packets sent", Long.toString(f.packetsSent()));
        t.row("packets received", Long.toString(f.packetsReceived()));
        t.row("packets lost", Long.toString(f.packetsLost()));
        t.row("loss", Numbers.percent(f.lossRatio()));
        t.row("jitter mean / max", ms(f.jitterMeanMs()) + " / " + ms(f.jitterMaxMs()) + " ms");
        t.row("round trip mean / max", ms(f.rttMeanMs()) + " / " + ms(f.rttMaxMs()) + " ms");
        return "RTP (per-session jitter and RTCP round trip, sampled every interval)\n" + t.render();
    }
}
