package io.callisto.media.sdp.internal;

import io.callisto.media.sdp.Codec;
import io.callisto.media.sdp.LocalStream;
import io.callisto.sip.sdp.Crypto;
import io.callisto.sip.sdp.Direction;
import io.callisto.sip.sdp.Fmtp;
import io.callisto.sip.sdp.MediaDescription;
import io.callisto.sip.sdp.MediaDescriptionBuilder;
import io.callisto.sip.sdp.Rtcp;
import java.util.List;

/** Writes the m-lines of offers and answers. */
public final class MediaLines {

    /** RTP/AVP (RFC 3551). */
    public static final String AVP = "RTP/AVP";
    /** RTP/SAVP (RFC 3711 §12). */
    public static final String SAVP = "RTP/SAVP";

    private MediaLines() {
    }

    /**
     * A live m-line: the codecs (rtpmap for every one, RFC 3264 §5.1, and fmtp when given), ptime, direction,
     * a=rtcp when RTCP is not on RTP + 1 (RFC 3605), a=rtcp-mux when {@code mux} (RFC 5761 §5.1.1) and the
     * a=crypto lines.
     */
    public static MediaDescription live(String proto, LocalStream ls, List<Codec> codecs, Direction direction,
                                        boolean mux, List<Crypto> cryptos) {
        MediaDescriptionBuilder b = MediaDescription.builder(ls.media(), ls.rtpPort(), proto);
        for (Codec c : codecs) {
            b.rtpmap(c.rtpmap());
            if (c.fmtp() != null) {
                b.fmtp(new Fmtp(Integer.toString(c.payloadType()), c.fmtp()));
            }
        }
        if (ls.ptime() > 0) {
            b.ptime(ls.ptime());
        }
        if (ls.effectiveRtcpPort() != ls.rtpPort() + 1) {
            b.rtcp(Rtcp.of(ls.effectiveRtcpPort()));
        }
        if (mux) {
            b.rtcpMux();
        }
        for (Crypto c : cryptos) {
            b.crypto(c);
        }
        return b.direction(direction).build();
    }

    /** A rejected (or removed) m-line: port 0, the media type, proto and formats kept (RFC 3264 §6, §8.2). */
    public static MediaDescription rejected(String media, String proto, List<String> formats) {
        MediaDescriptionBuilder b = MediaDescription.builder(media, 0, proto);
        for (String f : formats.isEmpty() ? List.of("0") : formats) {
            b.format(f);
        }
        return b.build();
    }
}
