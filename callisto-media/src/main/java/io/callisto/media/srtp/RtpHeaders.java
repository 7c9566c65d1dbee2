package io.callisto.media.srtp;

/** The few RTP/RTCP header facts SRTP needs (RFC 3550 §5.1, §5.3.1, §6.4), read straight from the bytes. */
final class RtpHeaders {

    private RtpHeaders() {
    }

    /**
     * The length of the RTP header (fixed part, CSRCs and header extension) of the packet in
     * {@code b[off, off + len)}, or -1 when it is not a well-formed RTP version 2 header within the range.
     */
    static int rtpHeaderLength(byte[] b, int off, int len) {
        if (len < 12 || (b[off] & 0xc0) != 0x80) {
            return -1;
        }
        int n = 12 + 4 * (b[off] & 0x0f);
        if ((b[off] & 0x10) != 0) {
            if (n + 4 > len) {
                return -1;
            }
            n += 4 + 4 * uint16(b, off + n + 2);
        }
        return n <= len ? n : -1;
    }

    /** True when {@code b[off, off + len)} starts like an RTCP packet: version 2, PT 192-223 (RFC 5761 §4). */
    static boolean isRtcp(byte[] b, int off, int len) {
        if (len < 8 || (b[off] & 0xc0) != 0x80) {
            return false;
        }
        int pt = b[off + 1] & 0xff;
        return pt >= 192 && pt <= 223;
    }

    static int uint16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    static void putInt32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
