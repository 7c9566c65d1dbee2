package io.callisto.media.rtcp;

import static io.callisto.media.internal.Bytes.put32;
import static io.callisto.media.internal.Bytes.u16;
import static io.callisto.media.internal.Bytes.u32;

import io.callisto.media.rtp.ParseResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes compound RTCP packets (RFC 3550 §6.1). {@link #parse} applies the validity checks of §A.2 and
 * is total: any byte array gives the packets or the reason they were refused.
 */
public final class RtcpCompound {

    private RtcpCompound() {
    }

    /** Parses a whole datagram as a compound RTCP packet. */
    public static ParseResult<List<RtcpPacket>> parse(byte[] data) {
        if (data == null) {
            return ParseResult.error("no data");
        }
        if (data.length < 4) {
            return ParseResult.error("shorter than an RTCP header: " + data.length);
        }
        if (data.length % 4 != 0) {
            return ParseResult.error("length " + data.length + " is not a multiple of 4 (§6.1)");
        }
        // §A.2: the first packet is an SR or RR (the mask test ignores P so its own check reports padding)
        int firstType = data[1] & 0xFF;
        if (firstType != RtcpPacket.SR && firstType != RtcpPacket.RR) {
            return ParseResult.error("first packet of a compound is type " + firstType + ", not SR or RR (§A.2)");
        }
        List<RtcpPacket> packets = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            if (data.length - pos < 4) {
                return ParseResult.error("truncated RTCP header at offset " + pos);
            }
            int b0 = data[pos] & 0xFF;
            if (b0 >> 6 != 2) {
                return ParseResult.error("RTCP version " + (b0 >> 6) + " at offset " + pos + ", expected 2");
            }
            int type = data[pos + 1] & 0xFF;
            int count = b0 & 0x1F;
            int end = pos + 4 + 4 * u16(data, pos + 2);
            if (end > data.length) {
                return ParseResult.error("packet at offset " + pos + " claims " + (end - pos)
                        + " bytes, only " + (data.length - pos) + " left (§A.2 lengths must add up)");
            }
            int bodyEnd = end;
            if ((b0 & 0x20) != 0) {
                if (end != data.length) {
                    return ParseResult.error("padding on a packet that is not the last (§A.2)");
                }
                int pad = data[end - 1] & 0xFF;
                if (pad == 0 || pad > end - pos - 4) {
                    return ParseResult.error("bad padding count " + pad);
                }
                bodyEnd -= pad;
            }
            ParseResult<RtcpPacket> one = parseOne(type, count, data, pos + 4, bodyEnd);
            if (!one.isOk()) {
                return ParseResult.error(one.error());
            }
            packets.add(one.value());
            pos = end;
        }
        return ParseResult.ok(List.copyOf(packets));
    }

    private static ParseResult<RtcpPacket> parseOne(int type, int count, byte[] d, int pos, int end) {
        switch (type) {
            case RtcpPacket.SR -> {
                if (end - pos < 24 + count * ReportBlock.LENGTH) {
                    return ParseResult.error("SR too short for " + count + " report blocks");
                }
                return ParseResult.ok(new SenderReport(u32(d, pos), (u32(d, pos + 4) << 32) | u32(d, pos + 8),
                        u32(d, pos + 12), u32(d, pos + 16), u32(d, pos + 20), blocks(d, pos + 24, count)));
            }
            case RtcpPacket.RR -> {
                if (end - pos < 4 + count * ReportBlock.LENGTH) {
                    return ParseResult.error("RR too short for " + count + " report blocks");
                }
                return ParseResult.ok(new ReceiverReport(u32(d, pos), blocks(d, pos + 4, count)));
            }
            case RtcpPacket.SDES -> {
                return parseSdes(count, d, pos, end);
            }
            case RtcpPacket.BYE -> {
                if (end - pos < 4 * count) {
                    return ParseResult.error("BYE too short for " + count + " sources");
                }
                List<Long> ssrcs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    ssrcs.add(u32(d, pos + 4 * i));
                }
                int r = pos + 4 * count;
                String reason = null;
                if (r < end) {
                    int len = d[r] & 0xFF;
                    if (r + 1 + len > end) {
                        return ParseResult.error("BYE reason runs past the packet");
                    }
                    reason = new String(d, r + 1, len, StandardCharsets.UTF_8);
                }
                return ParseResult.ok(new Bye(ssrcs, reason));
            }
            default -> {
                return ParseResult.ok(new OtherRtcp(type, count, Arrays.copyOfRange(d, pos, end)));
            }
        }
    }

    private static ParseResult<RtcpPacket> parseSdes(int count, byte[] d, int pos, int end) {
        List<SourceDescription.Chunk> chunks = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            if (end - pos < 4) {
                return ParseResult.error("SDES chunk " + c + " truncated");
            }
            long ssrc = u32(d, pos);
            int start = pos;
            pos += 4;
            Map<Integer, String> items = new LinkedHashMap<>();
            while (true) {
                if (pos >= end) {
                    return ParseResult.error("SDES chunk " + c + " has no terminating null item (§6.5)");
                }
                int itemType = d[pos] & 0xFF;
                if (itemType == 0) {
                    pos++;
                    break;
                }
                if (pos + 2 > end || pos + 2 + (d[pos + 1] & 0xFF) > end) {
                    return ParseResult.error("SDES item runs past the packet");
                }
                int len = d[pos + 1] & 0xFF;
                items.putIfAbsent(itemType, new String(d, pos + 2, len, StandardCharsets.UTF_8));
                pos += 2 + len;
            }
            // §6.5: each chunk ends on a 32-bit boundary (the null octets fill it)
            pos = start + ((pos - start + 3) & ~3);
            chunks.add(new SourceDescription.Chunk(ssrc, items));
        }
        return ParseResult.ok(new SourceDescription(chunks));
    }

    private static List<ReportBlock> blocks(byte[] d, int pos, int count) {
        List<ReportBlock> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int p = pos + i * ReportBlock.LENGTH;
            int lost = (int) (u32(d, p + 4) & 0xFFFFFF);
            if ((lost & 0x800000) != 0) {
                lost |= 0xFF000000; // sign-extend 24 bits
            }
            list.add(new ReportBlock(u32(d, p), d[p + 4] & 0xFF, lost, u32(d, p + 8), u32(d, p + 12),
                    u32(d, p + 16), u32(d, p + 20)));
        }
        return list;
    }

    /** Writes packets as one compound packet (no padding). The caller orders them per §6.1 (SR/RR first). */
    public static byte[] write(List<? extends RtcpPacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        for (RtcpPacket p : packets) {
            byte[] body;
            int count;
            if (p instanceof SenderReport sr) {
                count = sr.reports().size();
                body = new byte[24 + count * ReportBlock.LENGTH];
                put32(body, 0, sr.ssrc());
                put32(body, 4, sr.ntpTimestamp() >>> 32);
                put32(body, 8, sr.ntpTimestamp());
                put32(body, 12, sr.rtpTimestamp());
                put32(body, 16, sr.packetCount());
                put32(body, 20, sr.octetCount());
                writeBlocks(body, 24, sr.reports());
            } else if (p instanceof ReceiverReport rr) {
                count = rr.reports().size();
                body = new byte[4 + count * ReportBlock.LENGTH];
                put32(body, 0, rr.ssrc());
                writeBlocks(body, 4, rr.reports());
            } else if (p instanceof SourceDescription sdes) {
                count = sdes.chunks().size();
                body = sdesBody(sdes);
            } else if (p instanceof Bye bye) {
                count = bye.ssrcs().size();
                body = byeBody(bye);
            } else {
                OtherRtcp o = (OtherRtcp) p;
                count = o.count() & 0x1F;
                body = Arrays.copyOf(o.body(), (o.body().length + 3) & ~3);
            }
            int words = body.length / 4; // length field: words after the header = (total / 4) - 1
            out.write(0x80 | count);
            out.write(p.packetType());
            out.write(words >> 8);
            out.write(words);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] byeBody(Bye bye) {
        int count = bye.ssrcs().size();
        byte[] reason = bye.reason() == null ? new byte[0] : truncated(bye.reason());
        int len = 4 * count + (bye.reason() == null ? 0 : 1 + reason.length);
        byte[] body = new byte[(len + 3) & ~3];
        for (int i = 0; i < count; i++) {
            put32(body, 4 * i, bye.ssrcs().get(i));
        }
        if (bye.reason() != null) {
            body[4 * count] = (byte) reason.length;
            System.arraycopy(reason, 0, body, 4 * count + 1, reason.length);
        }
        return body;
    }

    private static byte[] sdesBody(SourceDescription sdes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        for (SourceDescription.Chunk chunk : sdes.chunks()) {
            byte[] ssrc = new byte[4];
            put32(ssrc, 0, chunk.ssrc());
            out.writeBytes(ssrc);
            int len = 4;
            for (Map.Entry<Integer, String> item : chunk.items().entrySet()) {
                byte[] text = truncated(item.getValue());
                out.write(item.getKey());
                out.write(text.length);
                out.writeBytes(text);
                len += 2 + text.length;
            }
            // one null item, then more null octets to the next 32-bit boundary (§6.5)
            int padded = (len + 1 + 3) & ~3;
            for (int i = len; i < padded; i++) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    private static byte[] truncated(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return b.length <= 255 ? b : Arrays.copyOf(b, 255);
    }

    private static void writeBlocks(byte[] body, int pos, List<ReportBlock> blocks) {
        for (ReportBlock b : blocks) {
            put32(body, pos, b.ssrc());
            put32(body, pos + 4, ((long) b.fractionLost() << 24) | (b.cumulativeLost() & 0xFFFFFF));
            put32(body, pos + 8, b.highestSequence());
            put32(body, pos + 12, b.jitter());
            put32(body, pos + 16, b.lastSr());
            put32(body, pos + 20, b.delaySinceLastSr());
            pos += ReportBlock.LENGTH;
        }
    }
}
