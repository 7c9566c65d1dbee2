package io.callisto.media.rtcp;

/**
 * A reception report block of an SR or RR (RFC 3550 §6.4.1), 24 octets.
 *
 * @param ssrc             the source this block reports on
 * @param fractionLost     packets lost since the previous report, as a fixed-point fraction /256 (0..255)
 * @param cumulativeLost   packets lost since the beginning, signed 24-bit (duplicates may make it negative)
 * @param highestSequence  extended highest sequence number received (cycles in the upper 16 bits)
 * @param jitter           interarrival jitter in timestamp units (§6.4.1, §A.8)
 * @param lastSr           LSR: middle 32 bits of the NTP timestamp of the last SR received from the source, or 0
 * @param delaySinceLastSr DLSR: delay since that SR, in units of 1/65536 s, or 0
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long highestSequence, long jitter,
                          long lastSr, long delaySinceLastSr) {

    /** Octets on the wire. */
    public static final int LENGTH = 24;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost is 8 bits: " + fractionLost);
        }
        // §6.4.1: cumulative lost is a signed 24-bit field; clamp as the RFC's appendix code does
        cumulativeLost = Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost));
    }

    /** Fraction lost as a ratio 0..1. */
    public double fractionLostRatio() {
        return fractionLost / 256.0;
    }

    /**
     * Round-trip time in 1/65536 s from this block as seen by the SR's sender (§6.4.1): {@code A - LSR - DLSR}
     * where A is the middle 32 bits of the NTP time at which this block arrived. Returns -1 when the block carries
     * no LSR (the source has not received an SR yet) or the result is not plausible.
     */
    public long roundTrip(long arrivalNtpMiddle32) {
        if (lastSr == 0) {
            return -1;
        }
        long rtt = (arrivalNtpMiddle32 - lastSr - delaySinceLastSr) & 0xFFFFFFFFL;
        return rtt > 0x7FFFFFFFL ? -1 : rtt; // "negative" (clock trouble): unknown
    }
}
