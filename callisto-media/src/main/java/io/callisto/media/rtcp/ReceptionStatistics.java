package io.callisto.media.rtcp;

/**
 * What a receiver knows about one RTP source (RFC 3550 Appendix A): sequence validation with probation and
 * wrap-around (§A.1), expected and lost packets (§A.3), interarrival jitter (§A.8), and the last SR received, from
 * which its next report block is built. Not thread-safe: one per source, used on the session's media thread.
 */
public final class ReceptionStatistics {

    private static final int RTP_SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int MIN_SEQUENTIAL = 2;

    private final long ssrc;
    private final int clockRate;

    // §A.1 state
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    // §A.8 state
    private boolean haveTransit;
    private long transit;
    private double jitter;
    // §6.4.1 LSR/DLSR state
    private long lastSr;
    private long lastSrArrivalMillis;
    private long octets;

    /**
     * Starts tracking a source on its first packet (§A.1: the source is on probation until {@code MIN_SEQUENTIAL}
     * packets arrive in sequence).
     */
    public ReceptionStatistics(long ssrc, int clockRate, int firstSequence) {
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        initSequence(firstSequence);
        this.maxSeq = (firstSequence - 1) & 0xFFFF;
        this.probation = MIN_SEQUENTIAL;
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1; // so seq == badSeq is false
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /**
     * Counts a packet's sequence number (§A.1 {@code update_seq}). Returns true when the packet is valid: the
     * source has left probation and the number is neither a huge jump nor (while re-synchronising) unconfirmed.
     * Duplicates and reordered packets are valid and counted.
     */
    public boolean onSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // a very large jump: accept only if the next packet confirms it (the source restarted)
            if (seq == badSeq) {
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                return false;
            }
        }
        // else: duplicate or reordered packet
        received++;
        return true;
    }

    /** Adds payload octets of a valid packet (for statistics only). */
    public void onOctets(int payloadOctets) {
        octets += payloadOctets;
    }

    /**
     * Feeds the jitter estimator (§A.8) with a valid packet's RTP timestamp and its arrival time in microseconds
     * of a local monotonic clock: {@code D = (Rj - Ri) - (Sj - Si)}, {@code J += (|D| - J) / 16}. Only packets of
     * one payload format should be fed (RFC 4733 event packets carry the event's start timestamp).
     */
    public void onTiming(long rtpTimestamp, long arrivalMicros) {
        long arrival = arrivalMicros * clockRate / 1_000_000L;
        long t = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = (int) (t - transit); // differences of 32-bit timestamps: wrap-safe
            jitter += (Math.abs(d) - jitter) / 16.0;
        }
        transit = t;
        haveTransit = true;
    }

    /** Records an SR from this source (§6.4.1 LSR) received at a monotonic time in milliseconds. */
    public void onSenderReport(long ntpTimestamp, long arrivalMillis) {
        lastSr = NtpTime.middle32(ntpTimestamp);
        lastSrArrivalMillis = arrivalMillis;
    }

    public long ssrc() {
        return ssrc;
    }

    /** True once the source has passed probation (§A.1). */
    public boolean valid() {
        return probation == 0;
    }

    /** Extended highest sequence number received (§A.3). */
    public long extendedMax() {
        return cycles + maxSeq;
    }

    /** Packets expected: extended highest minus base plus one (§A.3). */
    public long expected() {
        return valid() ? extendedMax() - baseSeq + 1 : 0;
    }

    /** Valid packets received, duplicates included (§A.3). */
    public long received() {
        return received;
    }

    public long octets() {
        return octets;
    }

    /** Cumulative packets lost: expected minus received; negative when duplicates arrived (§A.3). */
    public long lost() {
        return expected() - received;
    }

    /** Interarrival jitter in timestamp units (§A.8). */
    public double jitter() {
        return jitter;
    }

    /** Interarrival jitter in milliseconds. */
    public double jitterMillis() {
        return jitter * 1000.0 / clockRate;
    }

    /**
     * Builds the report block for this source and starts a new reporting interval (§A.3: fraction lost is
     * {@code lost_interval * 256 / expected_interval}, zero when nothing is missing).
     */
    public ReportBlock report(long nowMillis) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long dlsr = lastSr == 0 ? 0 : NtpTime.millisToShortUnits(nowMillis - lastSrArrivalMillis);
        return new ReportBlock(ssrc, Math.min(255, fraction), (int) Math.max(Integer.MIN_VALUE, lost()),
                extendedMax() & 0xFFFFFFFFL, (long) jitter & 0xFFFFFFFFL, lastSr, dlsr & 0xFFFFFFFFL);
    }
}
