package io.callisto.media.rtp;

import static io.callisto.media.internal.Bytes.put16;
import static io.callisto.media.internal.Bytes.put32;
import static io.callisto.media.internal.Bytes.u32;

import java.util.Arrays;

/**
 * An RTP data packet (RFC 3550 §5.1): fixed header, CSRC list, optional header extension (§5.3.1), payload and
 * padding. Immutable; {@link #parse} is total and {@link #toBytes} writes the wire form.
 *
 * @param marker       the M bit
 * @param payloadType  0..127
 * @param sequence     0..65535
 * @param timestamp    unsigned 32-bit, held in a long
 * @param ssrc         unsigned 32-bit, held in a long
 * @param csrcs        up to 15 contributing sources (unsigned 32-bit each)
 * @param extension    the header extension, or null when the X bit is clear
 * @param payload      the payload without padding
 * @param paddingBytes number of padding octets to write (0 = P bit clear; parse reports what was received)
 */
public record RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, long[] csrcs,
                        HeaderExtension extension, byte[] payload, int paddingBytes) {

    /** The RTP version this implementation speaks (§5.1: V=2). */
    public static final int VERSION = 2;
    /** Length of the fixed header (§5.1). */
    public static final int FIXED_HEADER = 12;
    /** The CSRC list of nearly every packet (shared: an empty array cannot change). */
    private static final long[] NO_CSRCS = new long[0];

    /**
     * The header extension of §5.3.1: a 16-bit profile-defined value and data in whole 32-bit words.
     *
     * @param profile the "defined by profile" field
     * @param data    the extension words; its length must be a multiple of 4
     */
    public record HeaderExtension(int profile, byte[] data) {
        public HeaderExtension {
            if ((profile & ~0xFFFF) != 0 || data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
                throw new IllegalArgumentException("bad header extension: profile " + profile + ", " + data.length
                        + " bytes (must be a multiple of 4)");
            }
        }
    }

    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range: " + payloadType);
        }
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("sequence out of range: " + sequence);
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL || ssrc < 0 || ssrc > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("timestamp/SSRC must be unsigned 32-bit");
        }
        csrcs = csrcs == null ? NO_CSRCS : csrcs;
        if (csrcs.length > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs (§5.1 CC is 4 bits): " + csrcs.length);
        }
        if (paddingBytes < 0 || paddingBytes > 255) {
            throw new IllegalArgumentException("padding must be 0..255 octets: " + paddingBytes);
        }
        payload = payload == null ? new byte[0] : payload;
    }

    /** A plain packet: no CSRC, extension or padding. */
    public static RtpPacket of(boolean marker, int payloadType, int sequence, long timestamp, long ssrc,
                               byte[] payload) {
        return new RtpPacket(marker, payloadType, sequence, timestamp, ssrc, null, null, payload, 0);
    }

    /** Parses a whole datagram. */
    public static ParseResult<RtpPacket> parse(byte[] data) {
        return data == null ? ParseResult.error("no data") : parse(data, 0, data.length);
    }

    /** Parses {@code length} bytes at {@code offset} as one RTP packet; never throws for any content. */
    public static ParseResult<RtpPacket> parse(byte[] data, int offset, int length) {
        RtpHeader h = new RtpHeader();
        String error = h.read(data, offset, length);
        if (error != null) {
            return ParseResult.error(error);
        }
        int count = h.csrcCount();
        long[] csrcs = count == 0 ? NO_CSRCS : new long[count];
        for (int i = 0; i < count; i++) {
            csrcs[i] = u32(data, offset + FIXED_HEADER + 4 * i);
        }
        HeaderExtension extension = h.extensionOffset() < 0 ? null : new HeaderExtension(h.extensionProfile(),
                Arrays.copyOfRange(data, h.extensionOffset(), h.extensionOffset() + 4 * h.extensionWords()));
        byte[] payload = Arrays.copyOfRange(data, h.payloadOffset(), h.payloadOffset() + h.payloadLength());
        return ParseResult.ok(new RtpPacket(h.marker(), h.payloadType(), h.sequence(), h.timestamp(), h.ssrc(),
                csrcs, extension, payload, h.paddingBytes()));
    }

    /** Number of bytes {@link #toBytes} writes. */
    public int length() {
        return FIXED_HEADER + 4 * csrcs.length + (extension == null ? 0 : 4 + extension.data().length)
                + payload.length + paddingBytes;
    }

    /**
     * Writes the fixed header of a packet without CSRCs, extension or padding (§5.1) into {@code out} at 0, for a
     * sender that encodes its payload straight after it (one array per packet instead of three).
     */
    public static void writeFixedHeader(byte[] out, boolean marker, int payloadType, int sequence, long timestamp,
                                        long ssrc) {
        out[0] = (byte) (VERSION << 6);
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        put16(out, 2, sequence);
        put32(out, 4, timestamp);
        put32(out, 8, ssrc);
    }

    /** The wire form (§5.1). Padding octets are zero except the last, which holds the count. */
    public byte[] toBytes() {
        byte[] out = new byte[length()];
        out[0] = (byte) ((VERSION << 6) | (paddingBytes > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0)
                | csrcs.length);
        out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        put16(out, 2, sequence);
        put32(out, 4, timestamp);
        put32(out, 8, ssrc);
        int pos = FIXED_HEADER;
        for (long csrc : csrcs) {
            put32(out, pos, csrc);
            pos += 4;
        }
        if (extension != null) {
            put16(out, pos, extension.profile());
            put16(out, pos + 2, extension.data().length / 4);
            System.arraycopy(extension.data(), 0, out, pos + 4, extension.data().length);
            pos += 4 + extension.data().length;
        }
        System.arraycopy(payload, 0, out, pos, payload.length);
        if (paddingBytes > 0) {
            out[out.length - 1] = (byte) paddingBytes;
        }
        return out;
    }

    @Override
    public String toString() {
        return "RTP[pt=" + payloadType + " seq=" + sequence + " ts=" + timestamp + " ssrc=" + Long.toHexString(ssrc)
                + (marker ? " M" : "") + " " + payload.length + "B]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && marker == p.marker && payloadType == p.payloadType
                && sequence == p.sequence && timestamp == p.timestamp && ssrc == p.ssrc
                && Arrays.equals(csrcs, p.csrcs) && paddingBytes == p.paddingBytes
                && Arrays.equals(payload, p.payload)
                && (extension == null ? p.extension == null : p.extension != null
                        && extension.profile() == p.extension.profile()
                        && Arrays.equals(extension.data(), p.extension.data()));
    }

    @Override
    public int hashCode() {
        return (int) (ssrc * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }
}
