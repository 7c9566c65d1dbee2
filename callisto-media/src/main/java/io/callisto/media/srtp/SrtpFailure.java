package io.callisto.media.srtp;

/** Why an {@link SrtpContext} refused a packet; the packet is dropped and the matching counter incremented. */
public enum SrtpFailure {
    /** The packet is too short or its RTP/RTCP header is malformed (RFC 3550 §5.1, §6.4). */
    MALFORMED("malformed packet"),
    /** The authentication tag does not match (RFC 3711 §3.3 step 5): forged, corrupted or wrong key. */
    AUTH_FAILED("authentication tag mismatch"),
    /** The index was already received (RFC 3711 §3.3.2 replay list). */
    REPLAYED("replayed packet"),
    /** The index is behind the replay window, so it cannot be told from a replay (RFC 3711 §3.3.2). */
    TOO_OLD("packet index behind the replay window"),
    /** The MKI in the packet is not the one of the master key in use (RFC 3711 §3.1). */
    UNKNOWN_MKI("unknown MKI"),
    /** The master key's lifetime is used up (RFC 3711 §9.2: 2^48 SRTP / 2^31 SRTCP packets, or SDES lifetime). */
    KEY_EXPIRED("master key lifetime exhausted"),
    /** More SSRCs than a context keeps state for. */
    TOO_MANY_STREAMS("too many SSRCs in one SRTP context");

    private final String reason;

    SrtpFailure(String reason) {
        this.reason = reason;
    }

    /** A short human-readable reason, for logs. */
    public String reason() {
        return reason;
    }
}
