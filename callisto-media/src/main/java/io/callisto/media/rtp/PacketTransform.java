package io.callisto.media.rtp;

/**
 * The hook where SRTP (RFC 3711) plugs into an {@link RtpSession}: every RTP and RTCP packet passes through
 * {@code protect} on its way out and {@code unprotect} on its way in, as whole datagrams. The default is
 * {@link #IDENTITY}. An implementation is called on the session's media thread only, one packet at a time, so it
 * may keep per-stream state (rollover counters, replay lists) without locks.
 */
public interface PacketTransform {

    /** Passes packets through unchanged (plain RTP). */
    PacketTransform IDENTITY = new PacketTransform() {
        @Override
        public byte[] protectRtp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] unprotectRtp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] protectRtcp(byte[] packet) {
            return packet;
        }

        @Override
        public byte[] unprotectRtcp(byte[] packet) {
            return packet;
        }

        @Override
        public int protectRtpInPlace(byte[] b, int length) {
            return length;
        }

        @Override
        public int unprotectRtpInPlace(byte[] b, int length) {
            return length;
        }
    };

    /** Returns the packet to send for an outgoing RTP packet. */
    byte[] protectRtp(byte[] packet);

    /**
     * The most octets {@link #protectRtpInPlace} adds to a packet (SRTP: MKI and authentication tag). A transform
     * whose protected packets are longer than the plain ones must say so here; the default is 0.
     */
    default int rtpOverhead() {
        return 0;
    }

    /**
     * Protects the RTP packet in {@code b[0, length)} in place, for a sender that writes every packet into one
     * array; {@code b} has room for {@link #rtpOverhead()} more octets. The default goes through
     * {@link #protectRtp(byte[])}; SRTP overrides it so as to allocate nothing.
     *
     * @return the length of the packet to send in {@code b}, or -1 to send nothing
     */
    default int protectRtpInPlace(byte[] b, int length) {
        byte[] out = protectRtp(java.util.Arrays.copyOf(b, length));
        return out == null ? -1 : copyBack(out, b);
    }

    /**
     * Unprotects the packet in {@code b[0, length)} in place, for a receiver that reads every datagram into one
     * array (which may be left changed when the packet is dropped). The default goes through
     * {@link #unprotectRtp(byte[])}; SRTP overrides it so as to allocate nothing.
     *
     * @return the length of the plain RTP packet in {@code b}, or -1 to drop it
     */
    default int unprotectRtpInPlace(byte[] b, int length) {
        byte[] out = unprotectRtp(java.util.Arrays.copyOf(b, length));
        return out == null ? -1 : copyBack(out, b);
    }

    private static int copyBack(byte[] out, byte[] b) {
        if (out.length > b.length) {
            throw new IllegalStateException("a transformed packet of " + out.length + " octets does not fit in "
                    + b.length + " (rtpOverhead too small?)");
        }
        System.arraycopy(out, 0, b, 0, out.length);
        return out.length;
    }

    /** Returns the plain RTP packet, or null to drop it (authentication or replay check failed). */
    byte[] unprotectRtp(byte[] packet);

    /** Returns the packet to send for an outgoing compound RTCP packet. */
    byte[] protectRtcp(byte[] packet);

    /** Returns the plain compound RTCP packet, or null to drop it. */
    byte[] unprotectRtcp(byte[] packet);

    /** Why the last packet this transform refused was refused, for the drop's log line; the default says nothing. */
    default String refusal() {
        return "refused by the packet transform";
    }
}
