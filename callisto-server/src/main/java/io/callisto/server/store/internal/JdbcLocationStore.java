package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.location.MemoryLocationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LocationStore} on H2 or PostgreSQL, with a {@link MemoryLocationStore} as its in-memory view.
 *
 * <p>Reads ({@link #lookup}, {@link #aors}, {@link #bindingCount}) come from memory. Writes are queued to the
 * store's own thread ({@link WorkQueue}); updates waiting there together are committed in one transaction (group
 * commit: their upserts and removals folded per (AoR, key), the last change winning). Only after the commit is
 * memory changed, listeners told and the futures completed, all on the store's thread; when the commit fails,
 * a batch is retried one update per transaction, so one bad update fails alone, and a failed update leaves memory
 * as it was. Changes by other processes arrive as reload requests ({@link #reload}) from notifications (PostgreSQL)
 * or from polling the change counter (H2).
 */
public final class JdbcLocationStore implements LocationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLocationStore.class);
    /** Most updates waiting for the store's thread before {@link #update} refuses more. */
    public static final int QUEUE_CAPACITY = 20_000;
    private static final int MAX_BATCH = 512;
    /** Longest AoR plus binding key accepted (PostgreSQL cannot index much longer keys). */
    static final int MAX_KEY_CHARS = 2000;

    private sealed interface Op permits Update, Expire, Reload {
    }

    private record Update(String aor, List<Binding> upserts, List<String> removals, CompletableFuture<Void> done)
            implements Op {
    }

    private record Expire(long nowMillis, CompletableFuture<Integer> done) implements Op {
    }

    /** Reload one AoR from the database ({@code aor} null: everything). */
    private record Reload(String aor) implements Op {
    }

    private record Row(String aor, String key) {
    }

    private final Database db;
    private final MemoryLocationStore memory = new MemoryLocationStore();
    private final ChangeTracker changes;
    private final WorkQueue<Op> queue;
    private final LogThrottle failures = new LogThrottle(5_000);
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** A store on {@code db}; {@link #start} loads it and starts its thread. */
    public JdbcLocationStore(Database db, long pollMillis) {
        this.db = db;
        this.memory.addListener(this::fanOut); // memory tells of what it expires; tell() of the rest
        this.changes = new ChangeTracker(db, Schema.LOCATION, Notifications.LOCATION, pollMillis);
        this.queue = new WorkQueue<>("callisto-store-location", QUEUE_CAPACITY, MAX_BATCH, 500, new Handler());
    }

    /** Loads every unexpired binding into memory (on the caller's thread), then starts the store's thread. */
    public void start() throws SQLException {
        try (Connection c = db.connection()) {
            changes.beforeLoad(c);
            Map<String, List<Binding>> all = BindingRows.loadAll(c, System.currentTimeMillis());
            c.commit();
            all.forEach(memory::replace);
        }
        queue.start();
    }

    @Override
    public List<Binding> lookup(String aor) {
        return memory.lookup(aor);
    }

    @Override
    public CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals) {
        List<Binding> ups;
        List<String> rems;
        try {
            Objects.requireNonNull(aor, "aor");
            ups = List.copyOf(upserts);
            rems = List.copyOf(removals);
            for (Binding b : ups) {
                if (!b.aor().equals(aor)) {
                    throw new IllegalArgumentException("binding of " + b.aor() + " in an update of " + aor);
                }
                checkLength(aor, b.key());
            }
            for (String k : rems) {
                checkLength(aor, k);
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        return submit(new Update(aor, ups, rems, done)) ? done : CompletableFuture.failedFuture(refusal());
    }

    private static void checkLength(String aor, String key) {
        if (aor.length() + key.length() > MAX_KEY_CHARS) {
            throw new IllegalArgumentException("AoR and contact too long to store (" + (aor.length() + key.length())
                    + " characters, at most " + MAX_KEY_CHARS + ")");
        }
    }

    @Override
    public CompletableFuture<Integer> removeExpired(long nowMillis) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        return submit(new Expire(nowMillis, done)) ? done : CompletableFuture.failedFuture(refusal());
    }

    /** Reloads {@code aor} (null: everything) from the database on the store's thread; any thread may call. */
    public void reload(String aor) {
        if (!queue.offer(new Reload(aor))) {
            changes.requestReload(); // the queue is full: reload everything when it has room
        }
    }

    private boolean submit(Op op) {
        return queue.offer(op);
    }

    private RuntimeException refusal() {
        return queue.pending() >= QUEUE_CAPACITY
                ? new RejectedExecutionException("location store overloaded: " + QUEUE_CAPACITY + " writes waiting")
                : new IllegalStateException("the location store is closed");
    }

    @Override
    public List<String> aors() {
        return memory.aors();
    }

    @Override
    public int bindingCount() {
        return memory.bindingCount();
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Updates waiting for the store's thread. */
    public int pendingWrites() {
        return queue.pending();
    }

    /** Runs every queued operation, then stops the store's thread (the pool belongs to {@code Stores}). */
    @Override
    public void close() {
        queue.close(30_000);
    }

    private final class Handler implements WorkQueue.Handler<Op> {

        @Override
        public void process(List<Op> batch) {
            List<Update> updates = new ArrayList<>();
            for (Op op : batch) {
                if (op instanceof Update u) {
                    updates.add(u);
                    continue;
                }
                flush(updates);
                if (op instanceof Expire e) {
                    expire(e);
                } else if (op instanceof Reload r) {
                    reloadNow(r.aor());
                }
            }
            flush(updates);
            tick();
        }

        @Override
        public void tick() {
            if (changes.pollDue()) {
                try (Connection c = db.connection()) {
                    boolean changed = changes.changedElsewhere(c);
                    c.commit();
                    if (changed) {
                        changes.requestReload();
                    }
                } catch (SQLException e) {
                    logFailure("polling the change counter", e);
                }
            }
            if (changes.takeReloadRequest()) {
                reloadNow(null);
            }
        }

        @Override
        public void reject(Op op, Throwable cause) {
            if (op instanceof Update u) {
                u.done().completeExceptionally(cause);
            } else if (op instanceof Expire e) {
                e.done().completeExceptionally(cause);
            }
        }
    }

    private void flush(List<Update> updates) {
        if (updates.isEmpty()) {
            return;
        }
        try {
            commit(updates);
            applied(updates);
        } catch (SQLException e) {
            if (updates.size() == 1) {
                failed(updates.get(0), e);
            } else {
                for (Update u : updates) { // isolate the update that fails, if one does
                    try {
                        commit(List.of(u));
                        applied(List.of(u));
                    } catch (SQLException e1) {
                        failed(u, e1);
                    }
                }
            }
        }
        updates.clear();
    }

    private void commit(List<Update> updates) throws SQLException {
        Map<Row, Binding> last = new LinkedHashMap<>(); // null value: removed
        Set<String> aors = new LinkedHashSet<>();
        for (Update u : updates) {
            aors.add(u.aor());
            for (Binding b : u.upserts()) {
                last.put(new Row(u.aor(), b.key()), b);
            }
            for (String k : u.removals()) {
                last.put(new Row(u.aor(), k), null);
            }
        }
        try (Connection c = db.connection()) {
            try (PreparedStatement up = c.prepareStatement(db.dialect().upsertBinding());
                    PreparedStatement del = c.prepareStatement(
                            "DELETE FROM location_binding WHERE aor = ? AND binding_key = ?")) {
                int ups = 0;
                int dels = 0;
                for (Map.Entry<Row, Binding> e : last.entrySet()) {
                    if (e.getValue() != null) {
                        BindingRows.addUpsert(up, e.getValue());
                        ups++;
                    } else {
                        del.setString(1, e.getKey().aor());
                        del.setString(2, e.getKey().key());
                        del.addBatch();
                        dels++;
                    }
                }
                if (ups > 0) {
                    up.executeBatch();
                }
                if (dels > 0) {
                    del.executeBatch();
                }
                changes.announce(c, aors.stream().map(a -> new String[] {a}).toList());
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
        changes.committed();
    }

    private void applied(List<Update> updates) {
        Set<String> aors = new LinkedHashSet<>();
        for (Update u : updates) {
            memory.apply(u.aor(), u.upserts(), u.removals());
            aors.add(u.aor());
        }
        aors.forEach(this::tell);
        for (Update u : updates) {
            u.done().complete(null);
        }
    }

    private void failed(Update u, SQLException e) {
        logFailure("update of " + u.aor(), e);
        u.done().completeExceptionally(e);
    }

    private void expire(Expire e) {
        try (Connection c = db.connection()) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM location_binding WHERE expires_at <= ?")) {
                p.setLong(1, e.nowMillis());
                int n = p.executeUpdate();
                if (n > 0 && !db.dialect().notifies()) {
                    changes.announce(c, List.of()); // other H2 processes reload; PostgreSQL nodes expire on their own
                }
                c.commit();
                if (n > 0 && !db.dialect().notifies()) {
                    changes.committed();
                }
            } catch (SQLException ex) {
                rollback(c);
                throw ex;
            }
        } catch (SQLException ex) {
            logFailure("removal of expired bindings", ex);
            e.done().completeExceptionally(ex);
            return;
        }
        // memory also drops what another node deleted already; it tells the listeners of each AoR it changed
        e.done().complete(memory.removeExpired(e.nowMillis()).join());
    }

    private void reloadNow(String aor) {
        long now = System.currentTimeMillis();
        try (Connection c = db.connection()) {
            if (aor != null) {
                List<Binding> fresh = BindingRows.load(c, aor, now);
                c.commit();
                replaceIfChanged(aor, fresh);
                return;
            }
            changes.beforeLoad(c);
            Map<String, List<Binding>> all = BindingRows.loadAll(c, now);
            c.commit();
            Set<String> seen = new LinkedHashSet<>(memory.aors());
            seen.addAll(all.keySet());
            for (String a : seen) {
                replaceIfChanged(a, all.getOrDefault(a, List.of()));
            }
        } catch (SQLException e) {
            logFailure("reload of " + (aor == null ? "every binding" : aor), e);
            changes.requestReload(); // try again (everything) at the next tick
        }
    }

    private void replaceIfChanged(String aor, List<Binding> fresh) {
        List<Binding> current = memory.lookup(aor);
        if (byKey(current).equals(byKey(fresh))) {
            return;
        }
        memory.replace(aor, fresh);
        tell(aor);
    }

    private static Map<String, Binding> byKey(List<Binding> bindings) {
        Map<String, Binding> m = new HashMap<>();
        for (Binding b : bindings) {
            m.put(b.key(), b);
        }
        return m;
    }

    private void tell(String aor) {
        memory.notifyListeners(aor);
    }

    private void fanOut(String aor) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(aor);
            } catch (RuntimeException e) {
                LOG.error("a location listener failed for {}", aor, e);
            }
        }
    }

    private void logFailure(String what, Exception e) {
        int left = failures.admit();
        if (left >= 0) {
            LOG.warn("location store: {} failed: {}{}", what, e.getMessage(),
                    left > 0 ? " (" + left + " similar failures not logged)" : "");
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
