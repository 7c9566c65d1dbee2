package io.callisto.media.rtcp;

import java.util.List;

/**
 * BYE: the sources are leaving (RFC 3550 §6.6).
 *
 * @param ssrcs  up to 31 sources
 * @param reason optional reason text, or null
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    public Bye {
        ssrcs = RtcpPacket.atMost31(ssrcs, "sources in a BYE");
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
