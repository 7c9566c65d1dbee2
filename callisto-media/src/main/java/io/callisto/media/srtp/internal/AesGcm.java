package io.callisto.media.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 16-byte tag for SRTP (RFC 7714 §5, §7) on one reused JDK cipher. The JDK needs a new parameter
 * object per packet, so unlike AES-CM this path allocates a little per packet. Not thread-safe: one owner.
 */
public final class AesGcm {

    /** The authentication tag length in bytes (RFC 7714 §7: 16 for SRTP). */
    public static final int TAG = 16;

    private final Cipher cipher;
    private final SecretKeySpec key;

    /** A GCM cipher keyed with the session encryption key. */
    public AesGcm(byte[] key) {
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * Encrypts {@code in[inOff, inOff + len)} into {@code out[outOff...]} followed by the tag, authenticating
     * {@code aad1[a1Off, a1Off + a1Len)} then {@code aad2[a2Off, a2Off + a2Len)} (a2Len may be 0).
     *
     * @return false when the JDK refuses (it refuses an IV used for the previous encryption)
     */
    public boolean seal(byte[] iv, byte[] aad1, int a1Off, int a1Len, byte[] aad2, int a2Off, int a2Len,
                        byte[] in, int inOff, int len, byte[] out, int outOff) {
        return run(Cipher.ENCRYPT_MODE, iv, aad1, a1Off, a1Len, aad2, a2Off, a2Len, in, inOff, len, out, outOff);
    }

    /**
     * Checks the tag and decrypts {@code in[inOff, inOff + len)} (ciphertext then tag) into {@code out[outOff...]}.
     *
     * @return false when the tag does not match
     */
    public boolean open(byte[] iv, byte[] aad1, int a1Off, int a1Len, byte[] aad2, int a2Off, int a2Len,
                        byte[] in, int inOff, int len, byte[] out, int outOff) {
        return run(Cipher.DECRYPT_MODE, iv, aad1, a1Off, a1Len, aad2, a2Off, a2Len, in, inOff, len, out, outOff);
    }

    private boolean run(int mode, byte[] iv, byte[] aad1, int a1Off, int a1Len, byte[] aad2, int a2Off, int a2Len,
                        byte[] in, int inOff, int len, byte[] out, int outOff) {
        try {
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, iv));
            cipher.updateAAD(aad1, a1Off, a1Len);
            if (a2Len > 0) {
                cipher.updateAAD(aad2, a2Off, a2Len);
            }
            cipher.doFinal(in, inOff, len, out, outOff);
            return true;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return false; // AEADBadTagException when decrypting: forged or corrupted
        }
    }
}
