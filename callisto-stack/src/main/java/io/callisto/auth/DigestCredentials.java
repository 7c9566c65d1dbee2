package io.callisto.auth;

import java.util.Arrays;
import java.util.Objects;

/**
 * One account for Digest authentication: a username, a password and, optionally, the one realm it is meant for
 * (RFC 3261 §22.1: credentials are looked up by realm). The password is copied on construction and never leaves
 * this object except as a hash ({@link #secret}); {@link #toString()} does not show it. Immutable and thread-safe.
 */
public final class DigestCredentials {
    private final String username;
    private final char[] password;
    private final String realm;

    /**
     * An account.
     *
     * @param username the user's name in the realm (no control characters)
     * @param password the password (copied; the caller may clear its array afterwards)
     * @param realm the only realm this account answers, or null for any realm
     * @throws IllegalArgumentException when the username is empty or holds control characters
     */
    public DigestCredentials(String username, char[] password, String realm) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password").clone();
        this.realm = realm;
        if (username.isEmpty() || hasControl(username)) {
            throw new IllegalArgumentException("username must be non-empty text without control characters");
        }
    }

    /** An account for any realm. */
    public static DigestCredentials of(String username, String password) {
        return new DigestCredentials(username, password.toCharArray(), null);
    }

    /** An account for one realm. */
    public static DigestCredentials of(String username, String password, String realm) {
        return new DigestCredentials(username, password.toCharArray(), Objects.requireNonNull(realm, "realm"));
    }

    /** The username, as sent in the username auth-param (unless hashed, RFC 7616 §3.4.4). */
    public String username() {
        return username;
    }

    /** The realm this account is restricted to, or null when it answers any realm. */
    public String realm() {
        return realm;
    }

    /** True when this account may answer a challenge of {@code challengeRealm}. */
    public boolean appliesTo(String challengeRealm) {
        return realm == null || realm.equals(challengeRealm);
    }

    /**
     * H(username ":" realm ":" password) for the given algorithm and realm: {@link DigestMath#secret}, the
     * input of H(A1).
     */
    public String secret(DigestAlgorithm alg, String forRealm) {
        return DigestMath.secret(alg, username, forRealm, password);
    }

    /** True when {@code other} is the same account (same username, password and realm restriction). */
    public boolean sameAccount(DigestCredentials other) {
        return other == this || other != null && other.username.equals(username)
                && Objects.equals(other.realm, realm) && Arrays.equals(other.password, password);
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + username + (realm == null ? "" : " @ " + realm) + "]";
    }
}
