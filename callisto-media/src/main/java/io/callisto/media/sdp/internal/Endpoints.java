package io.callisto.media.sdp.internal;

import io.callisto.sip.sdp.Connection;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.Rtcp;
import java.util.List;

/** Where the peer's RTP and RTCP go, read from its media description. */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * The peer's RTP address: the media-level c= or else the session-level one (RFC 8866 §5.7).
     *
     * @throws IllegalArgumentException when there is none (the SDP is invalid for this stream)
     */
    public static String rtpAddress(MediaDescription m, int index) {
        List<Connection> c = m.effectiveConnections();
        if (c.isEmpty()) {
            throw new IllegalArgumentException("stream " + index + " has no c= line");
        }
        return c.get(0).address();
    }

    /** True for the RFC 2543 hold address 0.0.0.0 (RFC 3264 §8.4: do not send to it). */
    public static boolean isHoldAddress(String address) {
        return "0.0.0.0".equals(address);
    }

    /** The peer's RTCP port: the RTP port when multiplexed, a=rtcp (RFC 3605) when present, else RTP + 1. */
    public static int rtcpPort(MediaDescription m, boolean mux) {
        if (mux) {
            return m.port();
        }
        return m.rtcp().map(Rtcp::port).orElse(m.port() + 1);
    }

    /** The peer's RTCP address: a=rtcp's address when it has one, else the RTP address. */
    public static String rtcpAddress(MediaDescription m, boolean mux, String rtpAddress) {
        return mux ? rtpAddress : m.rtcp().flatMap(Rtcp::addressIfAny).orElse(rtpAddress);
    }

    /** The packet time to send with: the peer's a=ptime (what it wants to receive), else ours, else 20 ms. */
    public static int ptime(MediaDescription peer, int own) {
        double p = peer.ptime().orElse(own > 0 ? own : 20);
        return Math.max(1, (int) Math.round(p));
    }
}
