package io.callisto.media.srtp;

import java.util.Objects;

/**
 * The outcome of an SDES exchange for one media stream (RFC 4568 §7.1): the profile both sides agreed on, the
 * tag of the accepted crypto line, and two policies: the local one to protect what we send (our own key) and the
 * peer's to unprotect what we receive (the key the peer sends with, RFC 4568 §7.1.1: each side's inline key
 * protects the streams that side transmits).
 *
 * @param profile the agreed crypto suite
 * @param tag     the tag of the accepted a=crypto line
 * @param send    the policy for outgoing SRTP/SRTCP (own master key)
 * @param receive the policy for incoming SRTP/SRTCP (peer's master key, MKI, KDR and window hint)
 */
public record SdesKeys(SrtpProfile profile, int tag, SrtpPolicy send, SrtpPolicy receive) {

    /** Checks that nothing is missing. */
    public SdesKeys {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(send, "send");
        Objects.requireNonNull(receive, "receive");
    }

    /** A new context protecting what this side sends. */
    public SrtpContext sendContext() {
        return new SrtpContext(send);
    }

    /** A new context unprotecting what this side receives. */
    public SrtpContext receiveContext() {
        return new SrtpContext(receive);
    }
}
