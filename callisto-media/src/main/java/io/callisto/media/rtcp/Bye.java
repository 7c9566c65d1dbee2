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
        ssrcs = List.copyOf(ssrcs);
        if (ssrcs.size() > 31) {
            throw new IllegalArgumentException("at most 31 sources in a BYE: " + ssrcs.size());
        }
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
