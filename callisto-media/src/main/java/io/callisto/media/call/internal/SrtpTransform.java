package io.callisto.media.call.internal;

import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpContext;

/**
 * SRTP and SRTCP (RFC 3711) as a session's {@link PacketTransform}: one context with our key for what we send, one
 * with the peer's for what we receive (RFC 4568 §6.1: each side sends with the key in its own a=crypto). Used on the
 * session's media thread only, like the contexts.
 */
public final class SrtpTransform implements PacketTransform {

    private final SdesKeys keys;
    private final SrtpContext send;
    private final SrtpContext receive;

    public SrtpTransform(SdesKeys keys) {
        this.keys = keys;
        this.send = keys.sendContext();
        this.receive = keys.receiveContext();
    }

    /** The keys this transform was made from. */
    public SdesKeys keys() {
        return keys;
    }

    @Override
    public byte[] protectRtp(byte[] packet) {
        return send.protectRtp(packet);
    }

    @Override
    public byte[] unprotectRtp(byte[] packet) {
        return receive.unprotectRtp(packet);
    }

    @Override
    public int rtpOverhead() {
        return send.rtpOverhead();
    }

    @Override
    public int protectRtpInPlace(byte[] b, int length) {
        return send.protectRtpInPlace(b, length);
    }

    @Override
    public int unprotectRtpInPlace(byte[] b, int length) {
        return receive.unprotectRtpInPlace(b, length);
    }

    @Override
    public byte[] protectRtcp(byte[] packet) {
        return send.protectRtcp(packet);
    }

    @Override
    public byte[] unprotectRtcp(byte[] packet) {
        return receive.unprotectRtcp(packet);
    }

    @Override
    public String refusal() {
        return receive.lastFailure() == null ? "refused by SRTP" : "SRTP: " + receive.lastFailure().reason();
    }
}
