package io.callisto.server.auth;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import java.util.Objects;

/**
 * A user's digest secrets for one realm: the HA1 values of RFC 7616 §3.4.2 ({@code H(username:realm:password)}),
 * one per hash algorithm, lower-case hex. The plain password is never stored.
 *
 * @param user        the username (as in the Authorization header's {@code username})
 * @param realm       the realm (usually the domain)
 * @param ha1Md5      MD5 HA1 (32 hex digits)
 * @param ha1Sha256   SHA-256 HA1 (64 hex digits)
 * @param ha1Sha512   SHA-512/256 HA1 (64 hex digits)
 */
public record Credential(String user, String realm, String ha1Md5, String ha1Sha256, String ha1Sha512) {

    public Credential {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(ha1Md5, "ha1Md5");
        Objects.requireNonNull(ha1Sha256, "ha1Sha256");
        Objects.requireNonNull(ha1Sha512, "ha1Sha512");
    }

    /** The credential of {@code user} in {@code realm} with {@code password}, whose copy in the digest is zeroed. */
    public static Credential fromPassword(String user, String realm, char[] password) {
        return new Credential(user, realm,
                DigestMath.secret(DigestAlgorithm.MD5, user, realm, password),
                DigestMath.secret(DigestAlgorithm.SHA_256, user, realm, password),
                DigestMath.secret(DigestAlgorithm.SHA_512_256, user, realm, password));
    }

    /** The HA1 for {@code algorithm} (plain or -sess: the -sess H(A1) is derived from this), or null if unknown. */
    public String ha1(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case MD5, MD5_SESS -> ha1Md5;
            case SHA_256, SHA_256_SESS -> ha1Sha256;
            case SHA_512_256, SHA_512_256_SESS -> ha1Sha512;
        };
    }
}
