package io.callisto.media.sdp;

import io.callisto.media.srtp.SrtpMode;
import io.callisto.media.srtp.SrtpProfile;
import java.util.List;
import java.util.Objects;

/**
 * This side's media capabilities for offers and answers: the o= user name, the address written in c= and o=,
 * the SRTP policy and suites (in order of preference), and the streams (in m-line order for an offer; for an
 * answer, offered streams are matched to these by media type, in order).
 *
 * @param username    o= user name, "-" when none
 * @param address     local IPv4 or IPv6 address for c= and o=
 * @param srtp        SRTP policy
 * @param srtpSuites  the suites offered and accepted, most preferred first
 * @param streams     the streams
 */
public record LocalMedia(String username, String address, SrtpMode srtp, List<SrtpProfile> srtpSuites,
                         List<LocalStream> streams) {

    /** Default suites: the 80-bit tag first (RFC 4568 §6.2.1), then the 32-bit one. */
    public static final List<SrtpProfile> DEFAULT_SUITES = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            SrtpProfile.AES_CM_128_HMAC_SHA1_32);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when SRTP is on without suites
     */
    public LocalMedia {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(srtp, "srtp");
        srtpSuites = List.copyOf(srtpSuites);
        streams = List.copyOf(streams);
        if (srtp != SrtpMode.OFF && srtpSuites.isEmpty()) {
            throw new IllegalArgumentException("SRTP needs at least one suite");
        }
    }

    /** Capabilities with the default SRTP suites. */
    public static LocalMedia of(String address, SrtpMode srtp, LocalStream... streams) {
        return new LocalMedia("-", address, srtp, DEFAULT_SUITES, List.of(streams));
    }
}
