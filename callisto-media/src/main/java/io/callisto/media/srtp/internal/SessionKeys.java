package io.callisto.media.srtp.internal;

/**
 * The session keys of one direction of SRTP or SRTCP for one key-derivation epoch {@code r}: the encryption
 * transform keyed with the session encryption key, the 112-bit session salt and the HMAC keyed with the
 * 160-bit session authentication key (RFC 3711 §4.3); or, for AES-GCM, the GCM cipher and the 96-bit session
 * salt (RFC 7714 §11, no authentication key).
 */
public final class SessionKeys {

    /** Label of the SRTP encryption key (§4.3.2); SRTCP labels are these plus 3. */
    public static final int LABEL_RTP = 0;
    /** Label base of SRTCP (§4.3.2: 0x03 encryption, 0x04 authentication, 0x05 salt). */
    public static final int LABEL_RTCP = 3;
    /** The session authentication key length, n_a = 160 bits (§4.2.1, RFC 4568 §6.2). */
    public static final int AUTH_KEY_LENGTH = 20;

    private final long epoch;
    private final AesCounterMode cipher;
    private final AesGcm gcm;
    private final byte[] salt;
    private final HmacSha1 auth;
    private final byte[] iv = new byte[16];
    private final byte[] gcmIv = new byte[12];

    private SessionKeys(long epoch, byte[] encryptionKey, byte[] salt, byte[] authKey) {
        this.epoch = epoch;
        this.salt = salt;
        if (authKey == null) {
            this.cipher = null;
            this.auth = null;
            this.gcm = new AesGcm(encryptionKey);
        } else {
            this.cipher = new AesCounterMode(encryptionKey);
            this.auth = new HmacSha1(authKey);
            this.gcm = null;
        }
    }

    /**
     * Derives the session keys (§4.3.1): for each label, x = (label || r) XOR master salt, and the key is the
     * AES-CM keystream of the master key with IV x * 2^16 (§4.3.3), truncated to the key's length.
     *
     * <p>A 12-byte GCM master salt takes the 14-byte slot left-aligned, its last two bytes zero (as libsrtp
     * does; RFC 7714 §11 keeps the RFC 3711 KDF), and gives a 12-byte session salt.
     *
     * @param labelBase {@link #LABEL_RTP} or {@link #LABEL_RTCP}
     * @param epoch     r = index DIV key_derivation_rate (0 when the rate is 0), 48 bits
     * @param aead      derive GCM keys (no authentication key)
     */
    public static SessionKeys derive(byte[] masterKey, byte[] masterSalt, int labelBase, long epoch, boolean aead) {
        AesCounterMode prf = new AesCounterMode(masterKey);
        byte[] encryptionKey = prf(prf, masterSalt, labelBase, epoch, masterKey.length);
        byte[] authKey = aead ? null : prf(prf, masterSalt, labelBase + 1, epoch, AUTH_KEY_LENGTH);
        byte[] salt = prf(prf, masterSalt, labelBase + 2, epoch, masterSalt.length);
        return new SessionKeys(epoch, encryptionKey, salt, authKey);
    }

    /** One key of §4.3.1: PRF_n(k_master, x) with x = key_id XOR master salt, key_id = label || r. */
    static byte[] prf(AesCounterMode prf, byte[] masterSalt, int label, long epoch, int length) {
        byte[] x = new byte[16];
        // master salt is 112 bits: bytes 0..13 of the 128-bit block x * 2^16
        System.arraycopy(masterSalt, 0, x, 0, masterSalt.length);
        // key_id = label (8 bits) || r (48 bits), right-aligned against the 112-bit salt: label at byte 7,
        // r at bytes 8..13
        x[7] ^= (byte) label;
        for (int i = 0; i < 6; i++) {
            x[13 - i] ^= (byte) (epoch >>> (8 * i));
        }
        byte[] out = new byte[length];
        prf.keystream(x, out, 0, length);
        return out;
    }

    /** The GCM cipher (AEAD profile only). */
    public AesGcm gcm() {
        return gcm;
    }

    /**
     * The GCM IV of an SRTP packet (RFC 7714 §8.1): (00 00 || SSRC || ROC || SEQ) XOR the 96-bit session salt.
     * The array is reused.
     */
    public byte[] rtpIv(int ssrc, long index) {
        return gcmIv(ssrc, (int) (index >>> 16), (int) index & 0xffff);
    }

    /** The GCM IV of an SRTCP packet (RFC 7714 §9.1): (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt. */
    public byte[] rtcpIv(int ssrc, long index) {
        return gcmIv(ssrc, (int) (index >>> 16), (int) index & 0xffff);
    }

    private byte[] gcmIv(int ssrc, int high, int low) {
        gcmIv[0] = salt[0];
        gcmIv[1] = salt[1];
        gcmIv[2] = (byte) (salt[2] ^ ssrc >>> 24);
        gcmIv[3] = (byte) (salt[3] ^ ssrc >>> 16);
        gcmIv[4] = (byte) (salt[4] ^ ssrc >>> 8);
        gcmIv[5] = (byte) (salt[5] ^ ssrc);
        gcmIv[6] = (byte) (salt[6] ^ high >>> 24);
        gcmIv[7] = (byte) (salt[7] ^ high >>> 16);
        gcmIv[8] = (byte) (salt[8] ^ high >>> 8);
        gcmIv[9] = (byte) (salt[9] ^ high);
        gcmIv[10] = (byte) (salt[10] ^ low >>> 8);
        gcmIv[11] = (byte) (salt[11] ^ low);
        return gcmIv;
    }

    /** The key-derivation epoch r these keys were derived for. */
    public long epoch() {
        return epoch;
    }

    /**
     * Encrypts or decrypts {@code buf[off, off + len)} in AES-CM with IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR
     * (i * 2^16) (§4.1.1), i being the 48-bit SRTP packet index or the 31-bit SRTCP index.
     */
    public void crypt(int ssrc, long index, byte[] buf, int off, int len) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        for (int i = 0; i < 6; i++) {
            iv[13 - i] ^= (byte) (index >>> (8 * i));
        }
        cipher.apply(iv, buf, off, len);
    }

    /**
     * Writes the full 20-byte HMAC-SHA1 of {@code data[off, off + len)}, followed by the 32-bit ROC for SRTP
     * (§4.2: M = authenticated portion || ROC) or nothing for SRTCP, into {@code out[outOff...]}.
     */
    public void authenticate(byte[] data, int off, int len, boolean withRoc, int roc, byte[] out, int outOff) {
        auth.compute(data, off, len, withRoc, roc, out, outOff);
    }
}
