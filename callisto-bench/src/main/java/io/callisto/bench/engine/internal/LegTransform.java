package io.callisto.bench.engine.internal;

import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpContext;
import java.util.Arrays;

/**
 * The packet transform of one bench media session: SRTP (RFC 3711) once the SDES keys are known, and support for
 * a reflecting peer (SIPp's {@code -rtp_echo}), which sends our own packets back unchanged.
 *
 * <p>A reflected RTP packet carries our own SSRC, which an RTP receiver must not take as its peer's (RFC 3550
 * §8.2); so this transform recognises packets with our SSRC, unprotects them with our own key (a reflector cannot
 * re-key them) and gives them another SSRC, so the session measures them as the stream that came back (its
 * jitter is then the round trip's). Reflected RTCP (our own reports) is dropped: it says nothing about the peer.
 *
 * <p>RTP is transformed in place in the session's arrays ({@code protectRtpInPlace}, {@code unprotectRtpInPlace}), so
 * that a load of many calls allocates nothing per packet; the whole-array methods go through them.
 *
 * <p>Threading: {@link #keys} is called on the call's thread before the session starts; everything else on the
 * media clock's thread, one packet at a time.
 */
final class LegTransform implements PacketTransform {

    private final boolean srtp;
    private volatile SrtpContext send;
    private volatile SrtpContext receive;
    private volatile SrtpContext reflected;
    private long ownSsrc = -1;

    LegTransform(boolean srtp) {
        this.srtp = srtp;
    }

    /**
     * Sets the SRTP keys: {@code keys.send()} protects what we send and unprotects what a reflector sends back;
     * {@code peerKey} says whether {@code keys.receive()} is the peer's own key (false: the peer answered without
     * a=crypto, so only reflected packets can be read).
     */
    void keys(SdesKeys keys, boolean peerKey) {
        reflected = new SrtpContext(keys.send());
        receive = peerKey ? keys.receiveContext() : null;
        send = keys.sendContext();
    }

    /** True when this transform can send: plain RTP, or SRTP with keys. */
    boolean ready() {
        return !srtp || send != null;
    }

    @Override
    public byte[] protectRtp(byte[] packet) {
        byte[] b = Arrays.copyOf(packet, packet.length + rtpOverhead());
        int n = protectRtpInPlace(b, packet.length);
        return n < 0 ? null : Arrays.copyOf(b, n);
    }

    @Override
    public byte[] unprotectRtp(byte[] packet) {
        byte[] b = packet.clone();
        int n = unprotectRtpInPlace(b, b.length);
        return n < 0 ? null : Arrays.copyOf(b, n);
    }

    @Override
    public int rtpOverhead() {
        SrtpContext c = send;
        return srtp && c != null ? c.rtpOverhead() : 0;
    }

    @Override
    public int protectRtpInPlace(byte[] b, int length) {
        if (ownSsrc < 0 && length >= 12) {
            ownSsrc = ssrcAt(b, 8);
        }
        return srtp ? send.protectRtpInPlace(b, length) : length;
    }

    @Override
    public int unprotectRtpInPlace(byte[] b, int length) {
        boolean ours = length >= 12 && ownSsrc >= 0 && ssrcAt(b, 8) == ownSsrc;
        int n = length;
        if (srtp) {
            SrtpContext c = ours ? reflected : receive;
            n = c == null ? -1 : c.unprotectRtpInPlace(b, length);
        }
        if (n >= 0 && ours) {
            // a reflected packet: another SSRC, so that the session takes it as the returning stream
            long other = ~ownSsrc & 0xFFFFFFFFL;
            b[8] = (byte) (other >>> 24);
            b[9] = (byte) (other >>> 16);
            b[10] = (byte) (other >>> 8);
            b[11] = (byte) other;
        }
        return n;
    }

    @Override
    public byte[] protectRtcp(byte[] packet) {
        return srtp ? send.protectRtcp(packet) : packet;
    }

    @Override
    public byte[] unprotectRtcp(byte[] packet) {
        if (packet.length >= 8 && ownSsrc >= 0 && ssrcAt(packet, 4) == ownSsrc) {
            return null; // our own report, reflected
        }
        if (!srtp) {
            return packet;
        }
        SrtpContext c = receive;
        return c == null ? null : c.unprotectRtcp(packet);
    }

    private static long ssrcAt(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }
}
