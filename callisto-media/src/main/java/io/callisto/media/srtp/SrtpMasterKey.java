package io.callisto.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An SRTP master key and master salt (RFC 3711 §3.2.1, 128 + 112 bits; RFC 7714 §11, 128 + 96 bits for GCM), as
 * carried base64-encoded in an SDES inline key (RFC 4568 §6.1: key || salt, 30 or 28 bytes). Arrays are copied
 * in and out.
 */
public final class SrtpMasterKey {

    private final byte[] key;
    private final byte[] salt;

    /**
     * A master key from its parts.
     *
     * @throws IllegalArgumentException unless the key has 16 bytes and the salt 14 (or 12 for GCM)
     */
    public SrtpMasterKey(byte[] key, byte[] salt) {
        if (key == null || key.length != SrtpProfile.KEY_LENGTH) {
            throw new IllegalArgumentException("SRTP master key must be 16 bytes");
        }
        if (salt == null || salt.length != 14 && salt.length != 12) {
            throw new IllegalArgumentException("SRTP master salt must be 14 bytes (12 for GCM)");
        }
        this.key = key.clone();
        this.salt = salt.clone();
    }

    /**
     * A master key from the 30 bytes of an SDES inline key, key then salt (RFC 4568 §6.1).
     *
     * @throws IllegalArgumentException when there are not exactly 30 bytes (RFC 4568 §6.2.1: the attribute is
     *                                  then invalid)
     */
    public static SrtpMasterKey ofKeyAndSalt(byte[] keyAndSalt) {
        return ofKeyAndSalt(keyAndSalt, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    /**
     * A master key from an SDES inline key for {@code profile}: 30 bytes, or 28 for GCM (RFC 7714 §14.1).
     *
     * @throws IllegalArgumentException when the length does not fit the profile (the attribute is then invalid)
     */
    public static SrtpMasterKey ofKeyAndSalt(byte[] keyAndSalt, SrtpProfile profile) {
        int n = SrtpProfile.KEY_LENGTH + profile.saltLength();
        if (keyAndSalt == null || keyAndSalt.length != n) {
            throw new IllegalArgumentException("SDES key||salt for " + profile.sdesName() + " must be " + n
                    + " bytes, got " + (keyAndSalt == null ? 0 : keyAndSalt.length));
        }
        return new SrtpMasterKey(Arrays.copyOfRange(keyAndSalt, 0, SrtpProfile.KEY_LENGTH),
                Arrays.copyOfRange(keyAndSalt, SrtpProfile.KEY_LENGTH, n));
    }

    /** A fresh random master key and 14-byte salt (RFC 3711 §8.1: keys from a cryptographically secure source). */
    public static SrtpMasterKey random(SecureRandom random) {
        return random(random, SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    }

    /** A fresh random master key and salt of the length {@code profile} needs. */
    public static SrtpMasterKey random(SecureRandom random, SrtpProfile profile) {
        byte[] k = new byte[SrtpProfile.KEY_LENGTH];
        byte[] s = new byte[profile.saltLength()];
        random.nextBytes(k);
        random.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    /**
     * This key for {@code profile}: the same key with the salt cut to the profile's length (a random 14-byte
     * salt serves GCM's 12-byte one).
     *
     * @throws IllegalArgumentException when the salt is too short for the profile
     */
    public SrtpMasterKey forProfile(SrtpProfile profile) {
        if (salt.length == profile.saltLength()) {
            return this;
        }
        if (salt.length < profile.saltLength()) {
            throw new IllegalArgumentException("salt too short for " + profile.sdesName());
        }
        return new SrtpMasterKey(key, Arrays.copyOf(salt, profile.saltLength()));
    }

    /** The 16-byte master key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    /** The 14-byte (12 for GCM) master salt (a copy). */
    public byte[] salt() {
        return salt.clone();
    }

    /** Key then salt, 30 (or 28) bytes, as SDES encodes them (RFC 4568 §6.1). */
    public byte[] keyAndSalt() {
        byte[] out = Arrays.copyOf(key, key.length + salt.length);
        System.arraycopy(salt, 0, out, key.length, salt.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpMasterKey m && Arrays.equals(key, m.key) && Arrays.equals(salt, m.salt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(salt);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "SrtpMasterKey[redacted]";
    }
}
