package io.callisto.media.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles Callisto implements, named as in SDES: AES-128 in counter mode (RFC 3711 §4.1.1)
 * with HMAC-SHA1 authentication (§4.2.1), where SRTCP always carries an 80-bit tag (RFC 4568 §6.2 table) and only
 * the SRTP tag length differs; and AES-128-GCM (RFC 7714), an AEAD with a 16-byte tag and a 96-bit salt.
 */
public enum SrtpProfile {
    /** AES_CM_128_HMAC_SHA1_80 (RFC 4568 §6.2.1): 80-bit SRTP tag, the default. */
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 10, 10, 14),
    /** AES_CM_128_HMAC_SHA1_32 (RFC 4568 §6.2.2): 32-bit SRTP tag. */
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 4, 10, 14),
    /** AEAD_AES_128_GCM (RFC 7714 §14.1): AES-128-GCM, 16-byte tag on SRTP and SRTCP, 12-byte master salt. */
    AEAD_AES_128_GCM("AEAD_AES_128_GCM", 16, 16, 12);

    /** Master key length in bytes (AES-128). */
    public static final int KEY_LENGTH = 16;

    private final String sdesName;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final int saltLength;

    SrtpProfile(String sdesName, int rtpTagLength, int rtcpTagLength, int saltLength) {
        this.sdesName = sdesName;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.saltLength = saltLength;
    }

    /** True for the AEAD profile (RFC 7714), which has no separate authentication transform. */
    public boolean aead() {
        return this == AEAD_AES_128_GCM;
    }

    /** Master (and session) salt length in bytes: 14 (112 bits, RFC 3711 §8.2) or 12 for GCM (RFC 7714 §11). */
    public int saltLength() {
        return saltLength;
    }

    /** The crypto-suite name used in {@code a=crypto} (RFC 4568 §6.2). */
    public String sdesName() {
        return sdesName;
    }

    /** SRTP authentication tag length in bytes (10, 4, or 16 for GCM). */
    public int rtpTagLength() {
        return rtpTagLength;
    }

    /** SRTCP authentication tag length in bytes (10, or 16 for GCM). */
    public int rtcpTagLength() {
        return rtcpTagLength;
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
