package io.callisto.server.store.internal;

import io.callisto.server.auth.Credential;
import io.callisto.server.auth.CredentialStore;
import io.callisto.server.auth.MemoryCredentialStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CredentialStore} on H2 or PostgreSQL, with a {@link MemoryCredentialStore} as its in-memory view. Same
 * rules as {@link JdbcLocationStore}: reads from memory; writes on the store's own thread, queued writes committed
 * together, memory changed and futures completed only after the commit, a failed write leaving memory as it was;
 * other processes' changes reloaded on notification (PostgreSQL) or when the change counter moved (H2). Memory is
 * changed one credential at a time, so a reader never sees a user missing while others are reloaded.
 */
public final class JdbcCredentialStore implements CredentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCredentialStore.class);
    private static final int QUEUE_CAPACITY = 5_000;
    private static final int MAX_BATCH = 256;
    private static final int MAX_NAME_CHARS = 1000;
    private static final String SELECT = "SELECT realm, username, ha1_md5, ha1_sha256, ha1_sha512 FROM credential";

    private sealed interface Op permits Put, Remove, Reload {
    }

    private record Put(Credential credential, CompletableFuture<Void> done) implements Op {
    }

    private record Remove(String user, String realm, CompletableFuture<Boolean> done) implements Op {
    }

    /** Reload one credential ({@code realm} null: all). */
    private record Reload(String realm, String user) implements Op {
    }

    private final Database db;
    private final MemoryCredentialStore memory = new MemoryCredentialStore();
    private final ChangeTracker changes;
    private final WorkQueue<Op> queue;
    private final LogThrottle failures = new LogThrottle(5_000);

    /** A store on {@code db}; {@link #start} loads it and starts its thread. */
    public JdbcCredentialStore(Database db, long pollMillis) {
        this.db = db;
        this.changes = new ChangeTracker(db, Schema.CREDENTIALS, Notifications.CREDENTIALS, pollMillis);
        this.queue = new WorkQueue<>("callisto-store-credentials", QUEUE_CAPACITY, MAX_BATCH, 500, new Handler());
    }

    /** Loads every credential into memory (on the caller's thread), then starts the store's thread. */
    public void start() throws SQLException {
        reloadAll(false);
        queue.start();
    }

    @Override
    public Optional<Credential> find(String user, String realm) {
        return memory.find(user, realm);
    }

    @Override
    public CompletableFuture<Void> put(Credential credential) {
        try {
            check(credential.user(), credential.realm());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        return queue.offer(new Put(credential, done)) ? done : CompletableFuture.failedFuture(refusal());
    }

    @Override
    public CompletableFuture<Boolean> remove(String user, String realm) {
        try {
            check(user, realm);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        return queue.offer(new Remove(user, realm, done)) ? done : CompletableFuture.failedFuture(refusal());
    }

    private static void check(String user, String realm) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(realm, "realm");
        if (user.length() + realm.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("user and realm too long (at most " + MAX_NAME_CHARS + " characters)");
        }
    }

    private RuntimeException refusal() {
        return queue.pending() >= QUEUE_CAPACITY
                ? new RejectedExecutionException("credential store overloaded: " + QUEUE_CAPACITY + " writes waiting")
                : new IllegalStateException("the credential store is closed");
    }

    /** Reloads one credential ({@code realm} null: all) on the store's thread; any thread may call. */
    public void reload(String realm, String user) {
        if (!queue.offer(new Reload(realm, user))) {
            changes.requestReload();
        }
    }

    @Override
    public List<Credential> list() {
        return memory.list();
    }

    /** Runs every queued operation, then stops the store's thread (the pool belongs to {@code Stores}). */
    @Override
    public void close() {
        queue.close(30_000);
    }

    private final class Handler implements WorkQueue.Handler<Op> {

        @Override
        public void process(List<Op> batch) {
            List<Op> writes = new ArrayList<>();
            for (Op op : batch) {
                if (op instanceof Reload r) {
                    flush(writes);
                    reloadNow(r);
                } else {
                    writes.add(op);
                }
            }
            flush(writes);
            tick();
        }

        @Override
        public void tick() {
            try {
                changes.pollIfDue();
            } catch (SQLException e) {
                logFailure("polling the change counter", e);
            }
            if (changes.takeReloadRequest()) {
                reloadNow(new Reload(null, null));
            }
        }

        @Override
        public void reject(Op op, Throwable cause) {
            fail(op, cause);
        }
    }

    private static void fail(Op op, Throwable cause) {
        if (op instanceof Put p) {
            p.done().completeExceptionally(cause);
        } else if (op instanceof Remove r) {
            r.done().completeExceptionally(cause);
        }
    }

    private void flush(List<Op> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            applied(writes, commit(writes));
        } catch (SQLException e) {
            for (Op op : writes) { // one transaction each, so that a bad write fails alone
                try {
                    applied(List.of(op), commit(List.of(op)));
                } catch (SQLException e1) {
                    logFailure("write of a credential", e1);
                    fail(op, e1);
                }
            }
        }
        writes.clear();
    }

    /** Commits {@code writes} in one transaction; returns, per write, whether a row was removed (for removes). */
    private boolean[] commit(List<Op> writes) throws SQLException {
        boolean[] removed = new boolean[writes.size()];
        List<String[]> subjects = new ArrayList<>();
        try (Connection c = db.connection()) {
            try (PreparedStatement up = c.prepareStatement(db.dialect().upsertCredential());
                    PreparedStatement del = c.prepareStatement(
                            "DELETE FROM credential WHERE realm = ? AND username = ?")) {
                for (int i = 0; i < writes.size(); i++) {
                    if (writes.get(i) instanceof Put p) {
                        Credential cr = p.credential();
                        up.setString(1, cr.realm());
                        up.setString(2, cr.user());
                        up.setString(3, cr.ha1Md5());
                        up.setString(4, cr.ha1Sha256());
                        up.setString(5, cr.ha1Sha512());
                        up.executeUpdate();
                        subjects.add(new String[] {cr.realm(), cr.user()});
                    } else if (writes.get(i) instanceof Remove r) {
                        del.setString(1, r.realm());
                        del.setString(2, r.user());
                        removed[i] = del.executeUpdate() > 0;
                        subjects.add(new String[] {r.realm(), r.user()});
                    }
                }
                changes.announce(c, subjects);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        }
        changes.committed();
        return removed;
    }

    private void applied(List<Op> writes, boolean[] removed) {
        for (Op op : writes) {
            if (op instanceof Put p) {
                memory.put(p.credential());
            } else if (op instanceof Remove r) {
                memory.remove(r.user(), r.realm());
            }
        }
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i) instanceof Put p) {
                p.done().complete(null);
            } else if (writes.get(i) instanceof Remove r) {
                r.done().complete(removed[i]);
            }
        }
    }

    private void reloadNow(Reload r) {
        try {
            if (r.realm() == null) {
                reloadAll(true);
                return;
            }
            try (Connection c = db.connection();
                    PreparedStatement p = c.prepareStatement(SELECT + " WHERE realm = ? AND username = ?")) {
                p.setString(1, r.realm());
                p.setString(2, r.user());
                Credential fresh = null;
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        fresh = read(rs);
                    }
                }
                c.commit();
                if (fresh != null) {
                    memory.put(fresh);
                } else {
                    memory.remove(r.user(), r.realm());
                }
            }
        } catch (SQLException e) {
            logFailure("reload of credentials", e);
            changes.requestReload();
        }
    }

    /** Loads every credential and brings memory to it, one credential at a time. */
    private void reloadAll(boolean logChanges) throws SQLException {
        Map<String, Credential> fresh = new HashMap<>();
        try (Connection c = db.connection()) {
            changes.beforeLoad(c);
            try (PreparedStatement p = c.prepareStatement(SELECT); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Credential cr = read(rs);
                    fresh.put(cr.realm() + "\u0000" + cr.user(), cr);
                }
            }
            c.commit();
        }
        int changed = 0;
        for (Credential old : memory.list()) {
            if (!fresh.containsKey(old.realm() + "\u0000" + old.user())) {
                memory.remove(old.user(), old.realm());
                changed++;
            }
        }
        for (Credential cr : fresh.values()) {
            if (!memory.find(cr.user(), cr.realm()).map(cr::equals).orElse(false)) {
                memory.put(cr);
                changed++;
            }
        }
        if (logChanges && changed > 0) {
            LOG.info("credential store: {} credential(s) changed by another process", changed);
        }
    }

    private static Credential read(ResultSet rs) throws SQLException {
        return new Credential(rs.getString(2), rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    private void logFailure(String what, Exception e) {
        int left = failures.admit();
        if (left >= 0) {
            LOG.warn("credential store: {} failed: {}{}", what, e.getMessage(),
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
