package io.callisto.server.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless, unforgeable nonces (RFC 7616 §3.3 nonce, §5.4): the issue time and a random salt, followed by an
 * HMAC-SHA-256 over both and the realm under a server secret, truncated to 128 bits, in unpadded base64url
 * (43 characters, no quote or backslash, RFC 7616 §3.3 advises base64 or hex). The server keeps no state per
 * nonce it issues; a nonce whose MAC does not verify was not issued with this secret for this realm. The
 * client's address is deliberately left out: requests of one client may arrive through different proxies or a
 * rebound NAT (RFC 7616 §3.3).
 *
 * <p>Thread-safe: each thread has its own {@link Mac}.
 */
public final class NonceCodec {
    private static final int TIME = 8;
    private static final int SALT = 8;
    private static final int MAC = 16;
    private static final int BYTES = TIME + SALT + MAC;
    /** Unpadded base64 of 32 bytes. */
    private static final int CHARS = 43;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ThreadLocal<Mac> macs;

    /**
     * A codec keyed by {@code secret} (copied), which must be at least 16 bytes; nodes that share it accept each
     * other's nonces.
     */
    public NonceCodec(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the nonce secret must be at least 16 bytes");
        }
        SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
        macs.get();
    }

    /** A new nonce for {@code realm} issued at {@code nowMillis}. */
    public String mint(String realm, long nowMillis) {
        byte[] b = new byte[BYTES];
        putLong(b, 0, nowMillis);
        putLong(b, TIME, ThreadLocalRandom.current().nextLong());
        System.arraycopy(mac(b, realm), 0, b, TIME + SALT, MAC);
        return ENCODER.encodeToString(b);
    }

    /**
     * The time {@code nonce} was issued at for {@code realm}, or {@link Long#MIN_VALUE} when it is not one of ours
     * (wrong length or alphabet, not canonical, or a MAC that does not verify: forged, for another realm, or
     * made with another secret). The MAC is compared in constant time.
     */
    public long issuedAt(String nonce, String realm) {
        if (nonce == null || nonce.length() != CHARS) {
            return Long.MIN_VALUE;
        }
        byte[] b;
        try {
            b = DECODER.decode(nonce);
        } catch (IllegalArgumentException e) {
            return Long.MIN_VALUE;
        }
        // The last character carries 2 unused bits: only the canonical spelling is ours.
        if (b.length != BYTES || !ENCODER.encodeToString(b).equals(nonce)) {
            return Long.MIN_VALUE;
        }
        byte[] expected = Arrays.copyOf(mac(b, realm), MAC);
        byte[] actual = Arrays.copyOfRange(b, TIME + SALT, BYTES);
        return MessageDigest.isEqual(expected, actual) ? getLong(b, 0) : Long.MIN_VALUE;
    }

    private byte[] mac(byte[] b, String realm) {
        Mac mac = macs.get();
        mac.update(b, 0, TIME + SALT);
        mac.update(realm.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
