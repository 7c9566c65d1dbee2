package io.callisto.server.location;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The location service (RFC 3261 §10): the bindings of every address-of-record, shared by the registrar, which
 * writes them, and the proxy and redirect server, which read them (DESIGN principle 8: storage is a port).
 *
 * <p>Reads are served from memory and never block: they may run on an event-loop thread. Writes go through to the
 * backing store (an H2 file, or PostgreSQL shared by a cluster) on the store's own threads, or for the H2 journal in
 * a task on the caller's event loop ({@link #update(String, Collection, Collection, Executor)}); the returned future
 * completes only once the change is durable, so a registrar that answers 200 after it completes loses nothing
 * that it acknowledged, even to {@code kill -9}. A failed write completes the future exceptionally and leaves
 * memory as it was.
 *
 * <p>Several nodes sharing one database see each other's changes: an implementation tells its listeners (and
 * refreshes its memory) when another node changed an AoR. Thread-safe.
 */
public interface LocationStore extends AutoCloseable {

    /** The unexpired bindings of {@code aor} (canonical form, see {@link Binding#aor()}); empty when none. */
    List<Binding> lookup(String aor);

    /**
     * Changes the bindings of {@code aor} in one atomic, durable step: every binding of {@code upserts} replaces
     * the one with the same {@link Binding#key()} (or is added), then every key in {@code removals} is removed.
     * Memory reflects the change once the future completes.
     */
    CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals);

    /**
     * {@link #update(String, Collection, Collection)} from a caller running on the serial executor {@code turn} (an
     * event loop). A store that can make a change durable without a database round trip (the H2 journal) queues
     * the write on {@code turn}, behind the tasks already there, so every change made in one turn of that executor
     * shares one write and the future completes in the same turn; other stores ignore {@code turn}.
     */
    default CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals,
            Executor turn) {
        return update(aor, upserts, removals);
    }

    /** Removes every binding that expired at {@code nowMillis} (the registrar's expiry timer); returns how many. */
    CompletableFuture<Integer> removeExpired(long nowMillis);

    /** Every AoR with at least one binding (a snapshot; for the operations API). */
    List<String> aors();

    /** How many bindings are held (for metrics). */
    int bindingCount();

    /**
     * Registers {@code listener} for AoRs changed by this node or another one (called on a store thread, or on the
     * event loop that wrote the change: it must not block).
     */
    void addListener(Consumer<String> listener);

    /** Flushes and closes; pending updates complete first. */
    @Override
    void close();
}
