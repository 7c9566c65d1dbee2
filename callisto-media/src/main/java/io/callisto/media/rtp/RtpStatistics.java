package io.callisto.media.rtp;

/**
 * A snapshot of one session's RTP and RTCP counters.
 *
 * @param packetsSent        RTP packets sent (audio and events)
 * @param octetsSent         RTP payload octets sent
 * @param packetsReceived    valid RTP packets received from the remote source (RFC 3550 §A.3 "received")
 * @param octetsReceived     their payload octets
 * @param packetsLost        cumulative packets lost from the remote source (§A.3: expected minus received)
 * @param jitterMillis       interarrival jitter of the remote source's audio (§A.8), in ms
 * @param rttMillis          round-trip time from the last report block about us (§6.4.1), or -1 when unknown
 * @param remoteLost         cumulative loss the remote reported about our stream, or -1 when no report yet
 * @param remoteJitterMillis jitter the remote reported about our stream, or -1 when no report yet
 * @param rtcpSent           compound RTCP packets sent
 * @param rtcpReceived       valid compound RTCP packets received
 * @param dropped            datagrams dropped: malformed, refused by the {@link PacketTransform}, unknown payload
 *                           type, foreign source or still on probation
 * @param lateOrDuplicate    audio frames the jitter buffer dropped as late or duplicate (0 without a sink: received
 *                           audio is then not played out at all)
 * @param concealedFrames    frames played by loss concealment (0 without a sink)
 */
public record RtpStatistics(long packetsSent, long octetsSent, long packetsReceived, long octetsReceived,
                            long packetsLost, double jitterMillis, double rttMillis, long remoteLost,
                            double remoteJitterMillis, long rtcpSent, long rtcpReceived, long dropped,
                            long lateOrDuplicate, long concealedFrames) {

    /** All zero, nothing known. */
    public static final RtpStatistics EMPTY = new RtpStatistics(0, 0, 0, 0, 0, 0, -1, -1, -1, 0, 0, 0, 0, 0);
}
