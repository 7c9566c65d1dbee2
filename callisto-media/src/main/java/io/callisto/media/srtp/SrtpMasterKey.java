package io.callisto.media.srtp;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * An SRTP master key and master salt (RFC 3711 §3.2.1, 128 + 112 bits), as carried base64-encoded in an SDES
 * inline key (RFC 4568 §6.1: key || salt, 30 bytes). Arrays are copied in and out.
 */
public final class SrtpMasterKey {

    private final byte[] key;
    private final byte[] salt;

    /**
     * A master key from its parts.
     *
     * @throws IllegalArgumentException unless the key has 16 bytes and the salt 14
     */
    public SrtpMasterKey(byte[] key, byte[] salt) {
        if (key == null || key.length != SrtpProfile.KEY_LENGTH) {
            throw new IllegalArgumentException("SRTP master key must be 16 bytes");
        }
        if (salt == null || salt.length != SrtpProfile.SALT_LENGTH) {
            throw new IllegalArgumentException("SRTP master salt must be 14 bytes");
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
        int n = SrtpProfile.KEY_LENGTH + SrtpProfile.SALT_LENGTH;
        if (keyAndSalt == null || keyAndSalt.length != n) {
            throw new IllegalArgumentException("SDES key||salt must be 30 bytes, got "
                    + (keyAndSalt == null ? 0 : keyAndSalt.length));
        }
        return new SrtpMasterKey(Arrays.copyOfRange(keyAndSalt, 0, SrtpProfile.KEY_LENGTH),
                Arrays.copyOfRange(keyAndSalt, SrtpProfile.KEY_LENGTH, n));
    }

    /** A fresh random master key and salt (RFC 3711 §8.1: keys from a cryptographically secure source). */
    public static SrtpMasterKey random(SecureRandom random) {
        byte[] k = new byte[SrtpProfile.KEY_LENGTH];
        byte[] s = new byte[SrtpProfile.SALT_LENGTH];
        random.nextBytes(k);
        random.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    /** The 16-byte master key (a copy). */
    public byte[] key() {
        return key.clone();
    }

    /** The 14-byte master salt (a copy). */
    public byte[] salt() {
        return salt.clone();
    }

    /** Key then salt, 30 bytes, as SDES encodes them (RFC 4568 §6.1). */
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
