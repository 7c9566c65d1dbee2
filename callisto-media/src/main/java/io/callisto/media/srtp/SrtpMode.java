package io.callisto.media.srtp;

/** How a user agent uses SRTP with SDES keys in its offers and answers (RFC 4568). */
public enum SrtpMode {
    /** Plain RTP only: RTP/AVP offers without a=crypto; RTP/SAVP offered streams are rejected. */
    OFF,
    /**
     * Best-effort SRTP, as baresip and others do: offers say RTP/AVP with a=crypto lines; an answer (or offer)
     * with a supported a=crypto gives SRTP, one without gives plain RTP. RTP/SAVP offers are accepted too.
     */
    OPTIONAL,
    /** SRTP only: offers say RTP/SAVP with a=crypto; a stream without a usable a=crypto is rejected. */
    REQUIRED
}
