package io.callisto.media.srtp;

import java.util.Objects;

/**
 * Everything an {@link SrtpContext} needs: the profile, the master key, the key derivation rate (RFC 3711
 * §4.3.1: 0 derives once, otherwise a power of two up to 2^24), the replay window size (§3.3.2, at least 64), an
 * optional MKI (§3.1, absent by default) and the master key lifetime in packets (§9.2).
 *
 * @param profile           the protection profile
 * @param masterKey         master key and salt
 * @param keyDerivationRate 0, or a power of two from 1 to 2^24
 * @param replayWindow      replay window size in packets, at least 64 (rounded up to a multiple of 64)
 * @param mki               the MKI bytes carried in each packet, empty when absent
 * @param lifetime          master key lifetime in packets (applies to SRTP and SRTCP separately), at most 2^48
 */
public record SrtpPolicy(SrtpProfile profile, SrtpMasterKey masterKey, long keyDerivationRate, int replayWindow,
                         byte[] mki, long lifetime) {

    /** The default replay window: 128 packets, as libsrtp. */
    public static final int DEFAULT_REPLAY_WINDOW = 128;
    /** The largest SRTP lifetime, 2^48 packets (RFC 3711 §9.2). */
    public static final long MAX_LIFETIME = 1L << 48;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when one is out of range
     */
    public SrtpPolicy {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.salt().length != profile.saltLength()) {
            throw new IllegalArgumentException(profile.sdesName() + " needs a " + profile.saltLength()
                    + "-byte master salt");
        }
        if (keyDerivationRate < 0 || keyDerivationRate > (1L << 24) || Long.bitCount(keyDerivationRate) > 1) {
            throw new IllegalArgumentException("key derivation rate must be 0 or a power of two up to 2^24");
        }
        if (replayWindow < 64 || replayWindow > 32_768) {
            throw new IllegalArgumentException("replay window must be 64 to 32768 packets");
        }
        mki = mki == null ? new byte[0] : mki.clone();
        if (mki.length > 128) {
            throw new IllegalArgumentException("MKI must be at most 128 bytes");
        }
        if (lifetime < 1 || lifetime > MAX_LIFETIME) {
            throw new IllegalArgumentException("lifetime must be 1 to 2^48 packets");
        }
    }

    /** The usual policy: derive once, 128-packet window, no MKI, maximum lifetime. */
    public static SrtpPolicy of(SrtpProfile profile, SrtpMasterKey masterKey) {
        return new SrtpPolicy(profile, masterKey, 0, DEFAULT_REPLAY_WINDOW, null, MAX_LIFETIME);
    }

    /** The MKI bytes (a copy). */
    @Override
    public byte[] mki() {
        return mki.clone();
    }

    /** A copy with another key derivation rate. */
    public SrtpPolicy withKeyDerivationRate(long rate) {
        return new SrtpPolicy(profile, masterKey, rate, replayWindow, mki, lifetime);
    }

    /** A copy with another replay window. */
    public SrtpPolicy withReplayWindow(int packets) {
        return new SrtpPolicy(profile, masterKey, keyDerivationRate, packets, mki, lifetime);
    }

    /** A copy with an MKI. */
    public SrtpPolicy withMki(byte[] value) {
        return new SrtpPolicy(profile, masterKey, keyDerivationRate, replayWindow, value, lifetime);
    }

    /** A copy with a master key lifetime. */
    public SrtpPolicy withLifetime(long packets) {
        return new SrtpPolicy(profile, masterKey, keyDerivationRate, replayWindow, mki, packets);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpPolicy p && profile == p.profile && masterKey.equals(p.masterKey)
                && keyDerivationRate == p.keyDerivationRate && replayWindow == p.replayWindow
                && java.util.Arrays.equals(mki, p.mki) && lifetime == p.lifetime;
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, masterKey, keyDerivationRate, replayWindow, java.util.Arrays.hashCode(mki),
                lifetime);
    }

    @Override
    public String toString() {
        return "SrtpPolicy[" + profile + ", " + masterKey + ", kdr=" + keyDerivationRate + ", window="
                + replayWindow + ", mki=" + mki.length + " bytes, lifetime=" + lifetime + "]";
    }
}
