package io.callisto.media.sdp;

import io.callisto.media.srtp.SdesKeys;
import io.callisto.sip.sdp.Rtpmap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The result of an offer/answer exchange for one accepted media stream, from this side's point of view: what an
 * RTP session needs to start.
 *
 * @param index              the m-line index in the SDP
 * @param media              the media type, e.g. "audio"
 * @param remoteAddress      where to send RTP (the peer's c= address, not resolved)
 * @param remoteRtpPort      the peer's RTP port
 * @param remoteRtcpAddress  where to send RTCP (RFC 3605 a=rtcp address, else the RTP address)
 * @param remoteRtcpPort     the peer's RTCP port: the RTP port when multiplexed, a=rtcp when given, else RTP + 1
 * @param rtcpMux            RTP and RTCP share one port (RFC 5761: both sides listed a=rtcp-mux)
 * @param send               the codec to send with, under the payload type the peer expects
 * @param receive            the payload types this side may receive (its own SDP's formats)
 * @param telephoneEvent     the payload type for RFC 4733 events when sending, if negotiated
 * @param ptime              the packet time to send with, in ms (the peer's a=ptime, else ours, else 20)
 * @param canSend            media may be sent (direction allows it and the peer's address is not 0.0.0.0)
 * @param canReceive         media may be received
 * @param srtp               the SDES keys, or empty for plain RTP
 */
public record NegotiatedMedia(int index, String media, String remoteAddress, int remoteRtpPort,
                              String remoteRtcpAddress, int remoteRtcpPort, boolean rtcpMux, Rtpmap send,
                              List<Rtpmap> receive, OptionalInt telephoneEvent, int ptime, boolean canSend,
                              boolean canReceive, Optional<SdesKeys> srtp) {

    /** Copies the list. */
    public NegotiatedMedia {
        receive = List.copyOf(receive);
    }

    /** True when SRTP protects this stream. */
    public boolean secure() {
        return srtp.isPresent();
    }
}
