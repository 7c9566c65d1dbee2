package io.callisto.bench.report;

/**
 * What happened in one reporting interval (1 s by default). Also what the live status line prints.
 *
 * @param endMs           end of the interval, in milliseconds since the run started
 * @param lengthMs        length of the interval in milliseconds (the last one may be shorter)
 * @param offeredPerSec   the rate the load controller aimed at in this interval (calls per second, after the
 *                        ramp); 0 for a {@code uas} run, which offers nothing
 * @param achievedPerSec  calls actually started in this interval, per second
 * @param concurrent      calls in progress at the end of the interval
 * @param attempted       calls started in this interval
 * @param answered        calls answered (succeeded) in this interval
 * @param failed          calls that failed in this interval
 * @param retransmissions messages this tool sent again in this interval
 * @param latency         answer delay (or, for scenarios without an INVITE, the response time of the main
 *                        request) of the calls answered in this interval, in milliseconds; null when none was
 * @param rtp             the media sessions' figures in this interval; null for a run without {@code --rtp}
 */
public record Interval(
        long endMs,
        long lengthMs,
        double offeredPerSec,
        double achievedPerSec,
        long concurrent,
        long attempted,
        long answered,
        long failed,
        long retransmissions,
        Percentiles latency,
        RtpFigures rtp) {

    /** An interval of a run without RTP. */
    public Interval(long endMs, long lengthMs, double offeredPerSec, double achievedPerSec, long concurrent,
                    long attempted, long answered, long failed, long retransmissions, Percentiles latency) {
        this(endMs, lengthMs, offeredPerSec, achievedPerSec, concurrent, attempted, answered, failed,
                retransmissions, latency, null);
    }

    /**
     * Percentiles of one interval's latency samples, in milliseconds.
     *
     * @param p50Ms  50th percentile
     * @param p90Ms  90th percentile
     * @param p99Ms  99th percentile
     * @param p999Ms 99.9th percentile
     * @param maxMs  largest sample
     */
    public record Percentiles(double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs) {
    }
}
