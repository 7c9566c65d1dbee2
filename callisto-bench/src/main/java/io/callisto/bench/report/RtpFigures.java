package io.callisto.bench.report;

/**
 * The RTP figures of a run with {@code --rtp} (RFC 3550 statistics of the calls' media sessions), either over one
 * reporting interval or over the whole run. Jitter and round-trip time are the sessions' own estimates: the
 * interarrival jitter of the received stream (§A.8) and the round trip from the peer's RTCP report blocks about
 * our stream (§6.4.1, A − LSR − DLSR).
 *
 * @param sessions        interval: media sessions live at its end; run: sessions opened
 * @param packetsSent     RTP packets sent (interval: in the interval)
 * @param packetsReceived RTP packets received from the peers (interval: in the interval)
 * @param packetsLost     packets lost on the way to us (§A.3: expected minus received; interval: the growth)
 * @param jitterMeanMs    mean of the sessions' jitter samples (one per live session per interval), ms; -1 when
 *                        no session received anything
 * @param jitterMaxMs     the largest jitter sample, ms; -1 when none
 * @param rttMeanMs       mean of the sessions' round-trip samples, ms; -1 when no peer sent a report about us
 * @param rttMaxMs        the largest round-trip sample, ms; -1 when none
 */
public record RtpFigures(long sessions, long packetsSent, long packetsReceived, long packetsLost,
                         double jitterMeanMs, double jitterMaxMs, double rttMeanMs, double rttMaxMs) {

    /**
     * The share of the expected packets that were lost, from 0 to 1: lost / (received + lost); 0 when nothing was
     * expected.
     */
    public double lossRatio() {
        long expected = packetsReceived + packetsLost;
        return expected <= 0 ? 0 : (double) Math.max(0, packetsLost) / expected;
    }
}
