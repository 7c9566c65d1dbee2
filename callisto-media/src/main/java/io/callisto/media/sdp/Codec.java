package io.callisto.media.sdp;

import io.callisto.sip.sdp.Rtpmap;
import java.util.Objects;

/**
 * A codec a user agent can send and receive: its payload type and rtpmap (RFC 8866 §6.6), with optional fmtp
 * parameters (§6.15). For a dynamic payload type (96-127) the number is only what this side proposes in its
 * offers; in an answer the offer's number is kept (RFC 3264 §6.1).
 *
 * @param rtpmap the payload type, encoding name, clock rate and channels
 * @param fmtp   the format parameters without the payload type, e.g. "0-15", or null
 */
public record Codec(Rtpmap rtpmap, String fmtp) {

    /** Requires an rtpmap. */
    public Codec {
        Objects.requireNonNull(rtpmap, "rtpmap");
        if (fmtp != null && fmtp.isBlank()) {
            fmtp = null;
        }
    }

    /** A codec without format parameters. */
    public static Codec of(Rtpmap rtpmap) {
        return new Codec(rtpmap, null);
    }

    /** PCMU/8000, payload type 0. */
    public static final Codec PCMU = of(Rtpmap.PCMU);
    /** PCMA/8000, payload type 8. */
    public static final Codec PCMA = of(Rtpmap.PCMA);

    /** telephone-event/8000 (RFC 4733) with events 0-15 (the DTMF digits), at {@code payloadType}. */
    public static Codec telephoneEvent(int payloadType) {
        return new Codec(Rtpmap.telephoneEvent(payloadType), "0-15");
    }

    /** The payload type. */
    public int payloadType() {
        return rtpmap.payloadType();
    }

    /** True for telephone-event (RFC 4733), which is not a voice codec. */
    public boolean isTelephoneEvent() {
        return rtpmap.isEncoding("telephone-event");
    }

    /** True when this codec and {@code other} have the same encoding name, clock rate and channels. */
    public boolean sameEncoding(Rtpmap other) {
        return other.isEncoding(rtpmap.encodingName()) && other.clockRate() == rtpmap.clockRate()
                && other.effectiveChannels() == rtpmap.effectiveChannels();
    }
}
