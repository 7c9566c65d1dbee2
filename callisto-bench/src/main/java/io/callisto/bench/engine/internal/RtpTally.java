package io.callisto.bench.engine.internal;

import io.callisto.bench.report.RtpFigures;
import io.callisto.media.rtp.RtpStatistics;
import java.util.Collection;
import java.util.function.DoubleConsumer;

/**
 * Adds up the RTP counters of a run's media sessions: the final counters of the closed ones and the current
 * counters of the live ones, so that each interval's figures are the growth since the previous interval and no
 * packet is counted twice when a session closes between two intervals. Jitter and round-trip time are sampled:
 * one value per live session and interval (the session's current estimate). Used on one thread (the media
 * clock's).
 */
public final class RtpTally {

    private long opened;
    private long closedSent;
    private long closedReceived;
    private long closedLost;
    private long lastSent;
    private long lastReceived;
    private long lastLost;

    /** A session was opened. */
    public void opened() {
        opened++;
    }

    /** A session closed with these final counters (it is no longer among the live ones). */
    public void closed(RtpStatistics last) {
        closedSent += last.packetsSent();
        closedReceived += last.packetsReceived();
        closedLost += last.packetsLost();
    }

    /**
     * The figures of the interval that ends now.
     *
     * @param live   the live sessions' current counters
     * @param jitter receives each live session's jitter (ms) that received something
     * @param rtt    receives each live session's round-trip time (ms) that knows it
     */
    public RtpFigures interval(Collection<RtpStatistics> live, DoubleConsumer jitter, DoubleConsumer rtt) {
        long sent = closedSent;
        long received = closedReceived;
        long lost = closedLost;
        Samples j = new Samples();
        Samples r = new Samples();
        for (RtpStatistics s : live) {
            sent += s.packetsSent();
            received += s.packetsReceived();
            lost += s.packetsLost();
            if (s.packetsReceived() > 0) {
                j.add(s.jitterMillis());
                jitter.accept(s.jitterMillis());
            }
            if (s.rttMillis() >= 0) {
                r.add(s.rttMillis());
                rtt.accept(s.rttMillis());
            }
        }
        RtpFigures f = new RtpFigures(live.size(), sent - lastSent, received - lastReceived, lost - lastLost,
                j.mean(), j.max, r.mean(), r.max);
        lastSent = sent;
        lastReceived = received;
        lastLost = lost;
        return f;
    }

    /**
     * The figures of the run so far, as of the last {@link #interval}, with jitter and round-trip summaries given
     * by the caller (from all samples).
     */
    public RtpFigures run(double jitterMeanMs, double jitterMaxMs, double rttMeanMs, double rttMaxMs) {
        return new RtpFigures(opened, lastSent, lastReceived, lastLost, jitterMeanMs, jitterMaxMs, rttMeanMs,
                rttMaxMs);
    }

    private static final class Samples {
        private double sum;
        private long count;
        private double max = -1;

        void add(double v) {
            sum += v;
            count++;
            max = Math.max(max, v);
        }

        double mean() {
            return count == 0 ? -1 : sum / count;
        }
    }
}
