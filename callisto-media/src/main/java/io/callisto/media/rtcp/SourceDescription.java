package io.callisto.media.rtcp;

import java.util.List;
import java.util.Map;

/**
 * SDES: source description (RFC 3550 §6.5), one chunk per source. Items are kept by type (1 CNAME, 2 NAME,
 * 3 EMAIL, ...); PRIV (8) items are kept as their raw text.
 *
 * @param chunks the chunks, at most 31
 */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    /** CNAME item type (§6.5.1). */
    public static final int CNAME = 1;

    /**
     * One SDES chunk.
     *
     * @param ssrc  the source described
     * @param items item type to text (UTF-8, at most 255 octets each)
     */
    public record Chunk(long ssrc, Map<Integer, String> items) {
        public Chunk {
            items = Map.copyOf(items);
        }

        /** The CNAME, or null. */
        public String cname() {
            return items.get(CNAME);
        }
    }

    public SourceDescription {
        chunks = RtcpPacket.atMost31(chunks, "SDES chunks");
    }

    /** An SDES packet with one chunk holding just a CNAME (the minimum of §6.1). */
    public static SourceDescription cname(long ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, Map.of(CNAME, cname))));
    }

    @Override
    public int packetType() {
        return SDES;
    }
}
