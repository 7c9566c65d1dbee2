package io.callisto.media.rtcp;

import java.util.List;

/**
 * SR: sender report (RFC 3550 §6.4.1).
 *
 * @param ssrc         the sender
 * @param ntpTimestamp 64-bit NTP wallclock time of the report ({@link NtpTime})
 * @param rtpTimestamp the same instant in the RTP timestamp clock
 * @param packetCount  RTP packets sent since starting (wraps at 2^32)
 * @param octetCount   payload octets sent since starting (wraps at 2^32)
 * @param reports      up to 31 report blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reports) implements RtcpPacket {

    public SenderReport {
        reports = RtcpPacket.atMost31(reports, "report blocks");
    }

    @Override
    public int packetType() {
        return SR;
    }
}
