package io.callisto.auth;

import java.util.List;

/**
 * Finds the account to answer a Digest challenge of a realm (RFC 3261 §22.2-§22.3: a UAC looks up credentials by
 * realm; several realms may need different accounts). Implementations are called from any owner thread and
 * must be thread-safe.
 */
@FunctionalInterface
public interface CredentialsProvider {

    /**
     * The account for {@code realm} (the unquoted realm of a challenge), or null when there is none: the
     * challenge of that realm is then not answered.
     */
    DigestCredentials credentialsFor(String realm);

    /**
     * A provider over a fixed list of accounts: the first account restricted to exactly the realm wins, else the
     * first account without a realm restriction, else none.
     */
    static CredentialsProvider of(DigestCredentials... accounts) {
        List<DigestCredentials> list = List.of(accounts);
        return realm -> {
            for (DigestCredentials c : list) {
                if (c.realm() != null && c.realm().equals(realm)) {
                    return c;
                }
            }
            for (DigestCredentials c : list) {
                if (c.realm() == null) {
                    return c;
                }
            }
            return null;
        };
    }
}
