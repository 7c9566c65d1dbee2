package io.callisto.ua;

/**
 * Whether a {@link UserAgent} uses reliable provisional responses (RFC 3262, option tag {@code 100rel}: the 1xx
 * carries RSeq and is retransmitted until the caller acknowledges it with PRACK).
 */
public enum ReliableProvisionals {

    /** Not supported: INVITEs say nothing of it, and an INVITE that requires it is answered 420 (Bad Extension). */
    OFF,

    /**
     * Supported (the default): INVITEs carry {@code Supported: 100rel} (RFC 3262 §4: a UAC SHOULD), and reliable 1xx
     * from the callee are acknowledged with PRACK. As the callee, this UA sends its 1xx reliably when the INVITE
     * requires it ({@code Require: 100rel}); when the INVITE only supports it, its 1xx are sent as usual.
     */
    SUPPORTED,

    /**
     * Required: INVITEs carry {@code Require: 100rel}. As the callee, this UA sends every 1xx after 100 reliably,
     * and answers an INVITE that neither supports nor requires {@code 100rel} with 421 (Extension Required).
     */
    REQUIRED
}
