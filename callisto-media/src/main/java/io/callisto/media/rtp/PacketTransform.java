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
    };

    /** Returns the packet to send for an outgoing RTP packet. */
    byte[] protectRtp(byte[] packet);

    /** Returns the plain RTP packet, or null to drop it (authentication or replay check failed). */
    byte[] unprotectRtp(byte[] packet);

    /** Returns the packet to send for an outgoing compound RTCP packet. */
    byte[] protectRtcp(byte[] packet);

    /** Returns the plain compound RTCP packet, or null to drop it. */
    byte[] unprotectRtcp(byte[] packet);
}
