package io.callisto.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Digest algorithms of the "Hash Algorithms for HTTP Digest Authentication" registry (RFC 7616 §6.1) that SIP
 * may use (RFC 8760 §2.1, §2.7), each in its plain and session ("-sess") variant (RFC 7616 §3.3 algorithm).
 *
 * <p>An algorithm knows its wire token, its hash function H (RFC 7616 §3.3) and the lower-case hexadecimal
 * encoding of digest values (RFC 8760 §2.2, RFC 7616 §3.2). Instances are immutable and thread-safe; every hash
 * call uses its own {@link MessageDigest}.
 */
public enum DigestAlgorithm {
    /** MD5, the default when a challenge names no algorithm (RFC 7616 §3.3); kept for backward compatibility. */
    MD5("MD5", "MD5", false, 1),
    /** MD5 with the session key of RFC 7616 §3.4.2. */
    MD5_SESS("MD5-sess", "MD5", true, 1),
    /** SHA-256, mandatory to implement (RFC 7616 §3.7). */
    SHA_256("SHA-256", "SHA-256", false, 2),
    /** SHA-256 with the session key of RFC 7616 §3.4.2. */
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    /** SHA-512/256, the backup algorithm of RFC 7616 §3.7. */
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 2),
    /** SHA-512/256 with the session key of RFC 7616 §3.4.2. */
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 2);

    private static final HexFormat HEX = HexFormat.of();

    private final String token;
    private final String jcaName;
    private final boolean session;
    private final int strength;
    private final boolean available;

    DigestAlgorithm(String token, String jcaName, boolean session, int strength) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
        this.strength = strength;
        this.available = probe(jcaName);
    }

    private static boolean probe(String jcaName) {
        try {
            MessageDigest.getInstance(jcaName);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /**
     * The algorithm named by an {@code algorithm} auth-param (compared case-insensitively): {@code null} (the
     * parameter is absent) means {@link #MD5} (RFC 7616 §3.3); an unknown token yields {@code null}, and the
     * challenge carrying it is to be ignored (RFC 7616 §3.3, RFC 8760 §2.4).
     */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null) {
            return MD5;
        }
        String t = token.toLowerCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(t)) {
                return a;
            }
        }
        return null;
    }

    /** The token as registered, e.g. "SHA-256-sess". */
    public String token() {
        return token;
    }

    /** True for the "-sess" variants, whose H(A1) also covers the nonce and cnonce (RFC 7616 §3.4.2). */
    public boolean isSession() {
        return session;
    }

    /** True when this Java runtime provides the hash function (a FIPS runtime may lack MD5). */
    public boolean isAvailable() {
        return available;
    }

    /**
     * How strong the hash is, for choosing between challenges of one realm: 1 for MD5, 2 for the SHA-2 family
     * (RFC 7616 §3.7 lists SHA-256 first and SHA-512/256 as its backup, so the two rank equal and the server's
     * order decides).
     */
    public int strength() {
        return strength;
    }

    /** The number of hex digits of a digest value: 32 for MD5, 64 for the others (RFC 8760 §2.2). */
    public int hexLength() {
        return this == MD5 || this == MD5_SESS ? 32 : 64;
    }

    /**
     * A new message digest for H.
     *
     * @throws IllegalStateException when the runtime lacks the hash function (see {@link #isAvailable()})
     */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is not available in this Java runtime", e);
        }
    }

    /** H(data) in lower-case hex (RFC 7616 §3.3, §3.2). */
    public String hash(byte[] data) {
        return hex(newDigest().digest(data));
    }

    /** H(data) over the UTF-8 octets of {@code data}, in lower-case hex. */
    public String hash(String data) {
        return hash(data.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hexadecimal, most significant nibble first (RFC 8760 §2.2). */
    public static String hex(byte[] digest) {
        return HEX.formatHex(digest);
    }
}
