package io.callisto.media.sdp.internal;

import io.callisto.media.sdp.LocalStream;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.sip.sdp.Crypto;
import io.callisto.sip.sdp.Direction;
import java.util.List;

/**
 * One m-line of the session as it stands between offers (RFC 3264 §8: m-lines are never removed, a rejected
 * one stays with port 0 and may later be reused). Negotiation works on copies and commits them on success, so
 * a failed re-offer leaves the session as it was.
 */
public final class Slot {

    /** The media type of the m-line. */
    public String media;
    /** The transport protocol of the m-line, e.g. "RTP/AVP". */
    public String proto;
    /** The local stream behind this m-line, or null when the m-line is rejected (port 0). */
    public LocalStream local;
    /** The formats last written for this m-line (kept on the port-0 line). */
    public List<String> formats;
    /** The a=crypto lines this side offers for the m-line, created on first offer and kept. */
    public List<Crypto> offeredCryptos;
    /** This side's key in answers. */
    public SrtpMasterKey answerKey;
    /** The direction last negotiated, from this side's point of view, or null before the first exchange. */
    public Direction negotiated;

    /** A live or rejected slot. */
    public Slot(String media, String proto, LocalStream local) {
        this.media = media;
        this.proto = proto;
        this.local = local;
        this.formats = local == null ? List.of("0") : Formats.of(local.codecs());
    }

    /** A copy. */
    public Slot copy() {
        Slot s = new Slot(media, proto, local);
        s.formats = formats;
        s.offeredCryptos = offeredCryptos;
        s.answerKey = answerKey;
        s.negotiated = negotiated;
        return s;
    }
}
