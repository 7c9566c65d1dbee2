package io.callisto.server.auth;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Users and their digest secrets (DESIGN principle 8). Reads come from memory and never block; writes are durable
 * when their future completes. Changes made by another process on the same store (another node, or
 * {@code bin/callisto user add} while the server runs) reach memory without a restart: at once through
 * PostgreSQL notifications, within a few seconds on H2. Thread-safe.
 */
public interface CredentialStore extends AutoCloseable {

    /** The credential of {@code user} in {@code realm}, if any. */
    Optional<Credential> find(String user, String realm);

    /** Adds or replaces a credential. */
    CompletableFuture<Void> put(Credential credential);

    /** Removes a user from a realm; completes with false when there was none. */
    CompletableFuture<Boolean> remove(String user, String realm);

    /** Every credential, sorted by realm then user. */
    List<Credential> list();

    @Override
    void close();
}
