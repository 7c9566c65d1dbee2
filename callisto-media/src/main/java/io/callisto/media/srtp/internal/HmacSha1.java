package io.callisto.media.srtp.internal;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104), the SRTP authentication transform (RFC 3711 §4.2.1), over two reused SHA-1 digests.
 * {@code javax.crypto.Mac.doFinal(byte[], int)} allocates its result on every call; this class writes into the
 * caller's buffer and allocates nothing per packet. Not thread-safe: one owner.
 */
public final class HmacSha1 {

    /** Length of an HMAC-SHA1 output in bytes. */
    public static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];

    /** An HMAC keyed with {@code key} (at most 64 bytes; SRTP uses 20). */
    public HmacSha1(byte[] key) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than one SHA-1 block");
        }
        try {
            inner = MessageDigest.getInstance("SHA-1");
            outer = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
        for (int i = 0; i < BLOCK; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
    }

    /**
     * Writes HMAC(key, data[off, off + len) || trailer) into {@code out[outOff, outOff + 20)}, where the
     * trailer is the 32-bit big-endian {@code trailer} when {@code withTrailer} (the ROC of RFC 3711 §4.2).
     */
    public void compute(byte[] data, int off, int len, boolean withTrailer, int trailer, byte[] out, int outOff) {
        inner.update(ipad);
        inner.update(data, off, len);
        if (withTrailer) {
            inner.update((byte) (trailer >>> 24));
            inner.update((byte) (trailer >>> 16));
            inner.update((byte) (trailer >>> 8));
            inner.update((byte) trailer);
        }
        try {
            inner.digest(innerHash, 0, LENGTH);
            outer.update(opad);
            outer.update(innerHash, 0, LENGTH);
            outer.digest(out, outOff, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
