package io.callisto.transport.internal;

import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The open connections, indexed by far-end address and transport (§18: "indexed by the tuple formed from the
 * address, port, and transport protocol at the far end") and by id. A connection we opened is indexed by the
 * address we connected to, one we accepted by the peer's source address; either way a later message to that
 * address reuses it. Lock-free lookups; safe from any thread.
 */
public final class ConnectionTable {

    /** The index of a connection: far-end transport and address. */
    public record Key(Transport transport, InetSocketAddress remote) {
    }

    private final ConcurrentHashMap<Key, Connection> byRemote = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Connection> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** A new connection id: nonzero, never reused by this table. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    /** The connection with this id, or null when it is closed or unknown. */
    public Connection byId(long id) {
        Connection c = byId.get(id);
        return c != null && c.usable() ? c : null;
    }

    /** A usable connection to this far end, or null. */
    public Connection find(Transport t, InetSocketAddress remote) {
        Connection c = byRemote.get(new Key(t, remote));
        return c != null && c.usable() ? c : null;
    }

    /**
     * A usable connection to this far end, or a new one made by {@code create} and then passed to {@code start}
     * (which opens it) when there is none. Concurrent callers for the same far end get the same connection.
     */
    public Connection getOrOpen(Transport t, InetSocketAddress remote, LongFunction<Connection> create,
            Consumer<Connection> start) {
        Key k = new Key(t, remote);
        Connection c = byRemote.get(k);
        if (c != null && c.usable()) {
            return c;
        }
        Connection[] made = new Connection[1];
        c = byRemote.compute(k, (key, old) -> {
            if (old != null && old.usable()) {
                return old;
            }
            made[0] = create.apply(nextId());
            return made[0];
        });
        if (c == made[0]) {
            byId.put(c.id(), c);
            start.accept(c);
        }
        return c;
    }

    /** Indexes an accepted connection (an older usable one to the same far end keeps the address index). */
    public void addAccepted(Connection c) {
        byId.put(c.id(), c);
        byRemote.compute(new Key(c.transport(), c.remote()),
                (key, old) -> old != null && old != c && old.usable() ? old : c);
    }

    /** Forgets a connection that closed or failed to open. */
    public void remove(Connection c) {
        byId.remove(c.id(), c);
        byRemote.remove(new Key(c.transport(), c.remote()), c);
    }

    /** Every connection in the table. */
    public List<Connection> all() {
        return new ArrayList<>(byId.values());
    }

    /** Number of connections in the table. */
    public int size() {
        return byId.size();
    }
}
