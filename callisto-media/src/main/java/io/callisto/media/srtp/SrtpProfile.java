package io.callisto.media.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles Callisto implements, named as in SDES (RFC 4568 §6.2): AES-128 in counter mode
 * (RFC 3711 §4.1.1) with HMAC-SHA1 authentication (§4.2.1). SRTCP always carries an 80-bit tag (RFC 4568 §6.2
 * table), only the SRTP tag length differs.
 */
public enum SrtpProfile {
    /** AES_CM_128_HMAC_SHA1_80 (RFC 4568 §6.2.1): 80-bit SRTP tag, the default. */
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 10),
    /** AES_CM_128_HMAC_SHA1_32 (RFC 4568 §6.2.2): 32-bit SRTP tag. */
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 4);

    /** Master key length in bytes (AES-128). */
    public static final int KEY_LENGTH = 16;
    /** Master salt length in bytes (112 bits, RFC 3711 §8.2). */
    public static final int SALT_LENGTH = 14;
    /** SRTCP authentication tag length in bytes for both profiles. */
    public static final int RTCP_TAG_LENGTH = 10;

    private final String sdesName;
    private final int rtpTagLength;

    SrtpProfile(String sdesName, int rtpTagLength) {
        this.sdesName = sdesName;
        this.rtpTagLength = rtpTagLength;
    }

    /** The crypto-suite name used in {@code a=crypto} (RFC 4568 §6.2). */
    public String sdesName() {
        return sdesName;
    }

    /** SRTP authentication tag length in bytes (10 or 4). */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** SRTCP authentication tag length in bytes (always 10). */
    public int rtcpTagLength() {
        return RTCP_TAG_LENGTH;
    }

    /** The profile of an SDES crypto-suite name (case-insensitive, RFC 4568 §4), if supported. */
    public static Optional<SrtpProfile> ofSdesName(String name) {
        for (SrtpProfile p : values()) {
            if (p.sdesName.equalsIgnoreCase(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
