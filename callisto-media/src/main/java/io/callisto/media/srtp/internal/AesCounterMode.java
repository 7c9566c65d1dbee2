package io.callisto.media.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode (RFC 3711 §4.1.1) built on one reused AES/ECB cipher: the counter blocks
 * {@code IV + j} are written into a reused buffer, encrypted in one call and XORed into the data. Nothing is
 * allocated per call once the buffers have grown to the largest packet seen. Not thread-safe: one owner.
 */
public final class AesCounterMode {

    private static final int BLOCK = 16;

    private final Cipher ecb;
    private byte[] counters = new byte[BLOCK * 96];
    private byte[] keystream = new byte[BLOCK * 96];

    /**
     * A counter-mode cipher keyed with {@code key} (16 bytes for AES-128).
     *
     * @throws IllegalStateException when the JDK has no AES (it always has)
     */
    public AesCounterMode(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available: " + e.getMessage(), e);
        }
    }

    /** XORs the keystream for the 16-byte {@code iv} into {@code buf[off, off + len)} (encrypts or decrypts). */
    public void apply(byte[] iv, byte[] buf, int off, int len) {
        if (len <= 0) {
            return;
        }
        int bytes = generate(iv, len);
        for (int i = 0; i < len; i++) {
            buf[off + i] ^= keystream[i];
        }
        assert bytes >= len;
    }

    /** Writes {@code len} keystream bytes for {@code iv} into {@code out[off, off + len)} (the §4.3.3 PRF). */
    public void keystream(byte[] iv, byte[] out, int off, int len) {
        generate(iv, len);
        System.arraycopy(keystream, 0, out, off, len);
    }

    private int generate(byte[] iv, int len) {
        int blocks = (len + BLOCK - 1) / BLOCK;
        int bytes = blocks * BLOCK;
        if (counters.length < bytes) {
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        // §4.1.1: the j-th block is E(k, IV + j mod 2^128); IV's low 16 bits are zero in SRTP, so the sum fits
        // there for the 2^16 blocks a packet may have, but the carry is propagated for any IV.
        for (int j = 0; j < blocks; j++) {
            int o = j * BLOCK;
            System.arraycopy(iv, 0, counters, o, BLOCK);
            int carry = j;
            for (int k = BLOCK - 1; k >= 0 && carry != 0; k--) {
                int sum = (counters[o + k] & 0xff) + (carry & 0xff);
                counters[o + k] = (byte) sum;
                carry = (carry >>> 8) + (sum >>> 8);
            }
        }
        try {
            ecb.update(counters, 0, bytes, keystream, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed: " + e.getMessage(), e);
        }
        return bytes;
    }
}
