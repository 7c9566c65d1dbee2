package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.location.MemoryLocationStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LocationStore} on H2 or PostgreSQL, with a {@link MemoryLocationStore} as its in-memory view
 * ({@link LocationView}).
 *
 * <p>Reads ({@link #lookup}, {@link #aors}, {@link #bindingCount}) come from memory. With the H2 journal, writes
 * are made on the callers' threads, one journal write per event-loop turn ({@link JournalTurns}), and the database
 * gets them in checkpoints. Otherwise writes are queued to the
 * store's own thread ({@link WorkQueue}); updates waiting there together are committed in one transaction (group
 * commit: their upserts and removals folded per (AoR, key), the last change winning). Only after the commit is
 * memory changed, listeners told and the futures completed, all on the store's thread; when the commit fails,
 * a batch is retried one update per transaction, so one bad update fails alone, and a failed update leaves memory
 * as it was. Changes by other processes arrive as reload requests ({@link #reload}) from notifications (PostgreSQL)
 * or from polling the change counter (H2). Expired bindings are deleted by primary key, found through an
 * {@link ExpiryIndex}; a full sweep runs at start and once an hour for rows no memory knows.
 */
public final class JdbcLocationStore implements LocationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLocationStore.class);
    /** Most updates waiting for the store's thread before {@link #update} refuses more. */
    public static final int QUEUE_CAPACITY = 20_000;
    private static final int MAX_BATCH = 512;
    /** Longest AoR plus binding key accepted (PostgreSQL cannot index much longer keys). */
    static final int MAX_KEY_CHARS = 2000;
    private static final long SWEEP_NANOS = TimeUnit.HOURS.toNanos(1);

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

    private final Database db;
    private final LocationView view = new LocationView();
    private final ChangeTracker changes;
    private final WorkQueue<Op> queue;
    private final LogThrottle failures = new LogThrottle(5_000);
    private long lastSweep = System.nanoTime();

    /** H2 only, until {@link #start} hands it to {@link #turns}: the journal (null: writes are committed). */
    private JournalWrites journal;
    /** With a journal: writes made on the callers' threads ({@link JournalTurns}); set by {@link #start}. */
    private volatile JournalTurns turns;
    /** H2, when another process (the server) holds the journal: bindings are read from the database only. */
    private volatile String readOnly;

    /**
     * A store on {@code db}; {@link #start} loads it and starts its thread. With a {@code journalDir} (H2, where this
     * server is the only writer of bindings) writes are acknowledged once they are in the journal there, and reach
     * the database in checkpoints every {@code checkpointMillis} ({@link JournalWrites}); without one, each batch is
     * committed to the database.
     */
    public JdbcLocationStore(Database db, long pollMillis, java.nio.file.Path journalDir, long checkpointMillis) {
        this.db = db;
        this.journal = journalDir == null ? null : new JournalWrites(db, journalDir, checkpointMillis);
        this.changes = new ChangeTracker(db, Schema.LOCATION, Notifications.LOCATION, pollMillis);
        this.queue = new WorkQueue<>("callisto-store-location", QUEUE_CAPACITY, MAX_BATCH, 500, new Handler());
    }

    /**
     * Deletes the bindings that expired while no server ran, loads every unexpired one into memory (on the caller's
     * thread), then starts the store's thread.
     */
    public void start() throws SQLException {
        long now = System.currentTimeMillis();
        try (Connection c = db.connection()) {
            BindingRows.sweep(c, now);
            c.commit();
            changes.beforeLoad(c);
            Map<String, List<Binding>> all = BindingRows.loadAll(c, now);
            c.commit();
            if (journal != null) {
                try {
                    journal.recover(all, now);
                } catch (LocationJournal.Locked e) {
                    journal = null; // a second process (bin/callisto user): read, poll, never write
                    readOnly = e.getMessage() + ": bindings are written by that process";
                } catch (java.io.IOException e) {
                    throw new SQLException("location journal: " + e.getMessage(), e);
                }
            }
            view.load(all);
            if (journal != null) {
                turns = new JournalTurns(journal, view, e -> logFailure("journal write", e));
            }
        }
        queue.start();
    }

    @Override
    public List<Binding> lookup(String aor) {
        return view.lookup(aor);
    }

    @Override
    public CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals) {
        return update(aor, upserts, removals, null);
    }

    /**
     * With the journal (H2), the change is written on the caller's thread: in a task queued on {@code turn}, shared
     * with the other changes of that turn, or at once when {@code turn} is null ({@link JournalTurns}). Otherwise it
     * is queued to the store's thread and committed there with the others waiting (group commit).
     */
    @Override
    public CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals,
            Executor turn) {
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
        if (readOnly != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(readOnly));
        }
        JournalTurns t = turns;
        if (t != null) {
            return t.update(aor, ups, rems, turn);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        return queue.offer(new Update(aor, ups, rems, done)) ? done : CompletableFuture.failedFuture(refusal());
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
        return queue.offer(new Expire(nowMillis, done)) ? done : CompletableFuture.failedFuture(refusal());
    }

    /** Reloads {@code aor} (null: everything) from the database on the store's thread; any thread may call. */
    public void reload(String aor) {
        if (turns != null) {
            return; // this server is the only writer of bindings: nothing to learn from the database
        }
        if (!queue.offer(new Reload(aor))) {
            changes.requestReload(); // the queue is full: reload everything when it has room
        }
    }

    private RuntimeException refusal() {
        return queue.pending() >= QUEUE_CAPACITY
                ? new RejectedExecutionException("location store overloaded: " + QUEUE_CAPACITY + " writes waiting")
                : new IllegalStateException("the location store is closed");
    }

    @Override
    public List<String> aors() {
        return view.aors();
    }

    @Override
    public int bindingCount() {
        return view.bindingCount();
    }

    @Override
    public void addListener(Consumer<String> listener) {
        view.addListener(listener);
    }

    /** Runs every queued operation, then stops the store's thread (the pool belongs to {@code Stores}). */
    @Override
    public void close() {
        queue.close(30_000);
        if (turns != null && !queue.running()) {
            turns.close();
        }
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
            if (turns != null) {
                turns.tick(); // the checkpoints sweep; nobody else writes bindings, so there is nothing to poll
                return;
            }
            if (System.nanoTime() - lastSweep > SWEEP_NANOS) {
                lastSweep = System.nanoTime();
                sweep();
            }
            try {
                changes.pollIfDue();
            } catch (SQLException e) {
                logFailure("polling the change counter", e);
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
        Map<ExpiryIndex.Row, Binding> last = new LinkedHashMap<>(); // the last change of each row; null: removed
        Set<String> aors = new LinkedHashSet<>();
        for (Update u : updates) {
            aors.add(u.aor());
            for (Binding b : u.upserts()) {
                last.put(new ExpiryIndex.Row(u.aor(), b.key()), b);
            }
            for (String k : u.removals()) {
                last.put(new ExpiryIndex.Row(u.aor(), k), null);
            }
        }
        List<Binding> upserts = new ArrayList<>();
        List<ExpiryIndex.Row> deletes = new ArrayList<>();
        last.forEach((row, b) -> {
            if (b != null) {
                upserts.add(b);
            } else {
                deletes.add(row);
            }
        });
        try (Connection c = db.connection()) {
            try {
                BindingRows.write(c, db.dialect(), upserts, deletes);
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
            view.apply(u.aor(), u.upserts(), u.removals());
            aors.add(u.aor());
        }
        aors.forEach(view::tell);
        for (Update u : updates) {
            u.done().complete(null);
        }
    }

    private void failed(Update u, SQLException e) {
        logFailure("update of " + u.aor(), e);
        u.done().completeExceptionally(e);
    }

    private void expire(Expire e) {
        long now = e.nowMillis();
        if (turns != null) {
            e.done().complete(turns.expire(now));
            return;
        }
        List<ExpiryIndex.Row> due = view.takeDue(now);
        if (readOnly != null) {
            e.done().complete(view.expired(due, now).size()); // the process holding the journal deletes the rows
            return;
        }
        if (!due.isEmpty()) {
            try (Connection c = db.connection()) {
                try {
                    BindingRows.deleteExpired(c, due, now);
                    if (!db.dialect().notifies()) {
                        changes.announce(c, List.of()); // other H2 processes reload; other nodes expire on their own
                    }
                    c.commit();
                } catch (SQLException ex) {
                    rollback(c);
                    throw ex;
                }
            } catch (SQLException ex) {
                view.putBack(due);
                logFailure("removal of expired bindings", ex);
                e.done().completeExceptionally(ex);
                return;
            }
            changes.committed();
        }
        e.done().complete(view.expired(due, now).size());
    }

    private void sweep() {
        try (Connection c = db.connection()) {
            int n = BindingRows.sweep(c, System.currentTimeMillis());
            c.commit();
            LOG.debug("location store: swept {} expired binding(s)", n);
        } catch (SQLException ex) {
            logFailure("sweep of expired bindings", ex);
        }
    }

    private void reloadNow(String aor) {
        long now = System.currentTimeMillis();
        try (Connection c = db.connection()) {
            if (aor != null) {
                List<Binding> fresh = BindingRows.load(c, aor, now);
                c.commit();
                view.reloaded(aor, fresh);
                return;
            }
            changes.beforeLoad(c);
            Map<String, List<Binding>> all = BindingRows.loadAll(c, now);
            c.commit();
            view.reloadedAll(all);
        } catch (SQLException e) {
            logFailure("reload of " + (aor == null ? "every binding" : aor), e);
            changes.requestReload(); // try again (everything) at the next tick
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
