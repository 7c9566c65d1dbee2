package io.callisto.bench.report;

import io.callisto.bench.report.internal.Numbers;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The live progress of a run, printed once per reporting interval.
 *
 * <p>On a terminal ({@code tty} true) it is one line rewritten in place (elapsed time, achieved/offered calls per
 * second, calls in progress, calls attempted, answered and failed, retransmissions, answer delay p50 and p99): a
 * carriage return, the line, and spaces over whatever a previous, longer line left behind; {@link #finish()} ends
 * it with a line break:
 *
 * <pre>
 *   12.0s  499.8/500 cps  conc 1234  att 6000 ans 5900 fail 12  retr 3  p50 21.3 p99 48.0 ms
 * </pre>
 *
 * <p>Otherwise (output to a file or a pipe) every update is one plain line of {@code key=value} columns, always the
 * same keys in the same order, so that a log can be grepped or parsed ({@code -} when there is no value):
 *
 * <pre>
 * elapsed_s=12.0 offered_per_s=500.0 achieved_per_s=499.8 concurrent=1234 attempted=6000 answered=5900 failed=12 retransmissions=3 p50_ms=21.3 p99_ms=48.0
 * </pre>
 *
 * <p>Rates, concurrent calls and percentiles are the interval's; the counts are the run's so far. Safe to call
 * from any thread; a null argument prints dashes rather than failing.
 */
public final class StatusLine {

    private final PrintStream out;
    private final boolean tty;
    private int previousLength;
    private boolean open;

    /**
     * A status line on {@code out}.
     *
     * @param out where to print (typically {@code System.out})
     * @param tty true when {@code out} is a terminal ({@code System.console() != null}): one line rewritten in
     *            place; false: one line per update
     */
    public StatusLine(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    /**
     * Prints the progress after one interval.
     *
     * @param interval    the interval that just ended (null: dashes)
     * @param totalsSoFar the counts since the run started (null: dashes)
     */
    public synchronized void update(Interval interval, Totals totalsSoFar) {
        String line = tty ? ttyLine(interval, totalsSoFar) : plainLine(interval, totalsSoFar);
        if (tty) {
            int pad = Math.max(0, previousLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            previousLength = line.length();
            open = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Ends the live line on a terminal (a line break after the last update), so that what is printed next starts
     * on a line of its own. Does nothing when not on a terminal or when nothing was printed; may be called twice.
     */
    public synchronized void finish() {
        if (tty && open) {
            out.println();
            out.flush();
        }
        open = false;
        previousLength = 0;
    }

    /**
     * The terminal form of one update (without the carriage return).
     *
     * @param i the interval, or null
     * @param t the totals so far, or null
     * @return the line
     */
    static String ttyLine(Interval i, Totals t) {
        Interval.Percentiles p = i == null ? null : i.latency();
        return String.format(Locale.ROOT, "%6ss  %s/%s cps  conc %s  att %s ans %s fail %s  retr %s"
                        + "  p50 %s p99 %s ms",
                i == null ? "-" : Numbers.oneDecimal(i.endMs() / 1000.0),
                i == null ? "-" : Numbers.oneDecimal(i.achievedPerSec()),
                i == null ? "-" : Numbers.compact(i.offeredPerSec()),
                i == null ? "-" : Long.toString(i.concurrent()),
                t == null ? "-" : Long.toString(t.attempted()),
                t == null ? "-" : Long.toString(t.answered()),
                t == null ? "-" : Long.toString(t.failed()),
                t == null ? "-" : Long.toString(t.retransmissions()),
                p == null ? "-" : Numbers.ms(p.p50Ms()),
                p == null ? "-" : Numbers.ms(p.p99Ms())) + ttyRtp(i);
    }

    /** The RTP part of a terminal line: live sessions, loss and jitter of the interval; empty without RTP. */
    private static String ttyRtp(Interval i) {
        RtpFigures r = i == null ? null : i.rtp();
        if (r == null) {
            return "";
        }
        return "  rtp " + r.sessions() + " loss " + Numbers.percent(r.lossRatio()) + " jit "
                + RtpText.ms(r.jitterMeanMs()) + "/" + RtpText.ms(r.jitterMaxMs()) + " ms";
    }

    /**
     * The plain form of one update.
     *
     * @param i the interval, or null
     * @param t the totals so far, or null
     * @return the line
     */
    static String plainLine(Interval i, Totals t) {
        Interval.Percentiles p = i == null ? null : i.latency();
        return "elapsed_s=" + (i == null ? "-" : Numbers.oneDecimal(i.endMs() / 1000.0))
                + " offered_per_s=" + (i == null ? "-" : Numbers.oneDecimal(i.offeredPerSec()))
                + " achieved_per_s=" + (i == null ? "-" : Numbers.oneDecimal(i.achievedPerSec()))
                + " concurrent=" + (i == null ? "-" : Long.toString(i.concurrent()))
                + " attempted=" + (t == null ? "-" : Long.toString(t.attempted()))
                + " answered=" + (t == null ? "-" : Long.toString(t.answered()))
                + " failed=" + (t == null ? "-" : Long.toString(t.failed()))
                + " retransmissions=" + (t == null ? "-" : Long.toString(t.retransmissions()))
                + " p50_ms=" + (p == null ? "-" : Numbers.ms(p.p50Ms()))
                + " p99_ms=" + (p == null ? "-" : Numbers.ms(p.p99Ms())) + plainRtp(i);
    }

    private static String plainRtp(Interval i) {
        RtpFigures r = i == null ? null : i.rtp();
        if (r == null) {
            return "";
        }
        return " rtp_sessions=" + r.sessions() + " rtp_sent=" + r.packetsSent() + " rtp_received="
                + r.packetsReceived() + " rtp_lost=" + r.packetsLost() + " rtp_jitter_mean_ms="
                + RtpText.ms(r.jitterMeanMs()) + " rtp_jitter_max_ms=" + RtpText.ms(r.jitterMaxMs())
                + " rtp_rtt_mean_ms=" + RtpText.ms(r.rttMeanMs());
    }
}
