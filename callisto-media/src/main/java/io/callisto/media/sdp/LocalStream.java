package io.callisto.media.sdp;

import io.callisto.sip.sdp.Direction;
import java.util.List;
import java.util.Objects;

/**
 * What this side offers or accepts for one media stream: media type, local RTP port (and RTCP port when it is
 * not RTP + 1, RFC 3605), whether rtcp-mux is offered/accepted (RFC 5761 §5.1.1), the codecs in order of
 * preference (telephone-event included as a {@link Codec#telephoneEvent} entry), ptime and direction.
 *
 * @param media     the media type, e.g. "audio"
 * @param rtpPort   local RTP port, 1-65535
 * @param rtcpPort  local RTCP port, or 0 for RTP port + 1 (RFC 3550 §11)
 * @param rtcpMux   offer (or accept) RTP and RTCP on one port
 * @param codecs    codecs in order of preference, at least one that is not telephone-event
 * @param ptime     preferred packet time in ms, or 0 to leave a=ptime out
 * @param direction the direction this side wants (sendrecv normally)
 */
public record LocalStream(String media, int rtpPort, int rtcpPort, boolean rtcpMux, List<Codec> codecs, int ptime,
                          Direction direction) {

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when a port is out of range or no voice codec is given
     */
    public LocalStream {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        if (rtpPort < 1 || rtpPort > 65_535 || rtcpPort < 0 || rtcpPort > 65_535) {
            throw new IllegalArgumentException("ports must be 1-65535 (RTCP 0 for RTP + 1)");
        }
        if (codecs.stream().allMatch(Codec::isTelephoneEvent)) {
            throw new IllegalArgumentException("a stream needs at least one codec besides telephone-event");
        }
        if (ptime < 0) {
            throw new IllegalArgumentException("ptime must not be negative");
        }
    }

    /** An audio stream on {@code rtpPort}, RTCP on the next port, sendrecv, ptime 20, rtcp-mux offered. */
    public static LocalStream audio(int rtpPort, Codec... codecs) {
        return new LocalStream("audio", rtpPort, 0, true, List.of(codecs), 20, Direction.SENDRECV);
    }

    /** The RTCP port in use when not multiplexed. */
    public int effectiveRtcpPort() {
        return rtcpPort == 0 ? rtpPort + 1 : rtcpPort;
    }

    /** A copy with another direction. */
    public LocalStream withDirection(Direction d) {
        return new LocalStream(media, rtpPort, rtcpPort, rtcpMux, codecs, ptime, d);
    }

    /** A copy that does (or does not) offer rtcp-mux. */
    public LocalStream withRtcpMux(boolean mux) {
        return new LocalStream(media, rtpPort, rtcpPort, mux, codecs, ptime, direction);
    }

    /** A copy with an explicit RTCP port (written as a=rtcp when not RTP + 1). */
    public LocalStream withRtcpPort(int port) {
        return new LocalStream(media, rtpPort, port, rtcpMux, codecs, ptime, direction);
    }

    /** A copy with another ptime (0: none). */
    public LocalStream withPtime(int millis) {
        return new LocalStream(media, rtpPort, rtcpPort, rtcpMux, codecs, millis, direction);
    }
}
