package io.callisto.media.rtcp;

import java.util.List;

/**
 * RR: receiver report (RFC 3550 §6.4.2).
 *
 * @param ssrc    the reporter
 * @param reports up to 31 report blocks
 */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    public ReceiverReport {
        reports = RtcpPacket.atMost31(reports, "report blocks");
    }

    @Override
    public int packetType() {
        return RR;
    }
}
