package io.callisto.server.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link CredentialStore} in memory only (tests; the view the durable stores keep in front of their database). */
public final class MemoryCredentialStore implements CredentialStore {

    private final ConcurrentHashMap<String, Credential> byKey = new ConcurrentHashMap<>();

    private static String key(String user, String realm) {
        return realm + "\u0000" + user;
    }

    @Override
    public Optional<Credential> find(String user, String realm) {
        return Optional.ofNullable(byKey.get(key(user, realm)));
    }

    @Override
    public CompletableFuture<Void> put(Credential credential) {
        byKey.put(key(credential.user(), credential.realm()), credential);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> remove(String user, String realm) {
        return CompletableFuture.completedFuture(byKey.remove(key(user, realm)) != null);
    }

    /** Replaces every credential (a reload from the database). */
    public void replaceAll(List<Credential> all) {
        byKey.clear();
        for (Credential c : all) {
            byKey.put(key(c.user(), c.realm()), c);
        }
    }

    @Override
    public List<Credential> list() {
        return byKey.values().stream()
                .sorted(Comparator.comparing(Credential::realm).thenComparing(Credential::user))
                .toList();
    }

    @Override
    public void close() {
    }
}
