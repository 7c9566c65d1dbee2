package io.callisto.media.rtp;

import static io.callisto.media.internal.Bytes.u16;
import static io.callisto.media.internal.Bytes.u32;

/**
 * A reusable reading of one RTP packet's header (RFC 3550 §5.1, §5.3.1) in place: the fields, and where the
 * payload lies in the caller's array, without copying or allocating. A receiver keeps one per stream and
 * {@link #read}s every datagram into it (50 a second per call); {@link RtpPacket#parse} applies the same checks and
 * builds an immutable packet from them. Not thread-safe.
 */
public final class RtpHeader {

    private boolean marker;
    private int payloadType;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private int csrcCount;
    private int extensionOffset = -1;
    private int extensionWords;
    private int extensionProfile;
    private int payloadOffset;
    private int payloadLength;
    private int paddingBytes;

    /**
     * Reads {@code length} bytes at {@code offset} as one RTP packet. Returns null when they form one (the getters
     * then describe it), else the reason they do not; never throws for any content.
     */
    public String read(byte[] data, int offset, int length) {
        if (data == null || offset < 0 || length < 0 || offset > data.length - length) {
            return "bad buffer bounds";
        }
        if (length < RtpPacket.FIXED_HEADER) {
            return "shorter than the 12-byte RTP header: " + length;
        }
        int b0 = data[offset] & 0xFF;
        int version = b0 >> 6;
        if (version != RtpPacket.VERSION) {
            return "RTP version " + version + ", expected 2";
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean hasExtension = (b0 & 0x10) != 0;
        int count = b0 & 0x0F;
        int end = offset + length;
        int pad = 0;
        if (padding) {
            // §5.1: the last octet of the padding counts the padding octets including itself
            pad = data[end - 1] & 0xFF;
            if (pad == 0) {
                return "P bit set but padding count is 0";
            }
            end -= pad;
        }
        int pos = offset + RtpPacket.FIXED_HEADER + 4 * count;
        if (pos > end) {
            return "CSRC list (" + count + ") or padding runs past the packet";
        }
        int extOffset = -1;
        int extWords = 0;
        int extProfile = 0;
        if (hasExtension) {
            if (pos + 4 > end) {
                return "header extension header runs past the packet";
            }
            extProfile = u16(data, pos);
            extWords = u16(data, pos + 2);
            if (pos + 4 + 4 * extWords > end) {
                return "header extension of " + extWords + " words runs past the packet";
            }
            extOffset = pos + 4;
            pos += 4 + 4 * extWords;
        }
        int b1 = data[offset + 1] & 0xFF;
        marker = (b1 & 0x80) != 0;
        payloadType = b1 & 0x7F;
        sequence = u16(data, offset + 2);
        timestamp = u32(data, offset + 4);
        ssrc = u32(data, offset + 8);
        csrcCount = count;
        extensionOffset = extOffset;
        extensionWords = extWords;
        extensionProfile = extProfile;
        payloadOffset = pos;
        payloadLength = end - pos;
        paddingBytes = pad;
        return null;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequence() {
        return sequence;
    }

    /** Unsigned 32-bit. */
    public long timestamp() {
        return timestamp;
    }

    /** Unsigned 32-bit. */
    public long ssrc() {
        return ssrc;
    }

    /** Number of CSRCs; they follow the fixed header, 4 octets each. */
    public int csrcCount() {
        return csrcCount;
    }

    /** Where the header extension's data starts in the array, or -1 without an extension. */
    public int extensionOffset() {
        return extensionOffset;
    }

    /** Length of the extension's data in 32-bit words. */
    public int extensionWords() {
        return extensionWords;
    }

    /** The extension's "defined by profile" field. */
    public int extensionProfile() {
        return extensionProfile;
    }

    /** Where the payload starts in the array. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Payload octets, without padding. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Padding octets received (0 when the P bit is clear). */
    public int paddingBytes() {
        return paddingBytes;
    }
}
