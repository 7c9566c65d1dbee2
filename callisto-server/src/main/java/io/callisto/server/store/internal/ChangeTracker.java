package io.callisto.server.store.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How one store tells other processes of its changes and learns of theirs. PostgreSQL: a NOTIFY per changed subject
 * inside the committing transaction ({@link Notifications}); the LISTEN side is {@link PgListener}. H2: the store's
 * {@link ChangeCounter} row is incremented in the committing transaction; a value other than the one expected
 * after our own changes, or a poll that finds it moved, means another process wrote, and everything is reloaded.
 *
 * <p>Used on the store's thread, except {@link #requestReload()}, which any thread may call.
 */
final class ChangeTracker {

    private final Database db;
    private final String counter;
    private final String channel;
    private final long pollNanos;
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private long known;
    private long pending;
    private long lastPoll = System.nanoTime();

    /**
     * @param counter    the {@link ChangeCounter} row (H2)
     * @param channel    the NOTIFY channel (PostgreSQL)
     * @param pollMillis how often H2 polls the counter
     */
    ChangeTracker(Database db, String counter, String channel, long pollMillis) {
        this.db = db;
        this.counter = counter;
        this.channel = channel;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
    }

    /** Reads the counter before a full load, so that changes made after it are noticed later (H2). */
    void beforeLoad(Connection c) throws SQLException {
        if (!db.dialect().notifies()) {
            known = ChangeCounter.read(c, counter);
        }
    }

    /**
     * Announces changes of {@code subjects} within the caller's transaction: each subject is a payload tail (an
     * AoR, or {@code realm, user}), see {@link Notifications}.
     */
    void announce(Connection c, Collection<String[]> subjects) throws SQLException {
        if (!db.dialect().notifies()) {
            pending = ChangeCounter.bump(c, counter);
            return;
        }
        String[] payloads = new String[subjects.size()];
        int i = 0;
        for (String[] s : subjects) {
            payloads[i++] = Notifications.payload(db.nodeId(), s);
        }
        Array array = c.createArrayOf("text", payloads);
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, x) FROM unnest(?) AS x")) {
            p.setString(1, channel);
            p.setArray(2, array);
            p.executeQuery().close();
        } finally {
            array.free();
        }
    }

    /** After the commit of an {@link #announce}: a jump of the H2 counter means another process wrote meanwhile. */
    void committed() {
        if (!db.dialect().notifies()) {
            if (pending != known + 1) {
                reloadRequested.set(true);
            }
            known = pending;
        }
    }

    /**
     * H2, once per poll interval: reads the counter and, when another process moved it, asks for a full reload.
     * PostgreSQL: nothing (it is told through notifications).
     */
    void pollIfDue() throws SQLException {
        if (db.dialect().notifies() || System.nanoTime() - lastPoll < pollNanos) {
            return;
        }
        lastPoll = System.nanoTime();
        long now;
        try (Connection c = db.connection()) {
            now = ChangeCounter.read(c, counter);
            c.commit();
        }
        if (now != known) {
            known = now;
            reloadRequested.set(true);
        }
    }

    /** Asks for a full reload at the next opportunity (a missed notification, a failed reload). Any thread. */
    void requestReload() {
        reloadRequested.set(true);
    }

    /** True (and the request cleared) when a full reload was asked for. */
    boolean takeReloadRequest() {
        return reloadRequested.getAndSet(false);
    }
}
