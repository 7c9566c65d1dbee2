package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the changes of sealed {@link LocationJournal} segments to H2 on its own thread, then deletes those
 * segments. One checkpoint runs at a time, and checkpoints run in the order they were submitted, so H2 always moves
 * from an older state to a newer one. A checkpoint that fails (the database is busy or was briefly closed) is
 * retried with back-off, 1 s doubling to 10 s; its segments stay on disk meanwhile, so a crash then loses nothing.
 * Once an hour a checkpoint also sweeps expired rows out of the table.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    /**
     * Rows per H2 transaction of a checkpoint (a huge transaction holds a huge undo log); also the piece of work
     * between two rests of the {@link DutyCycle}, some tens of milliseconds.
     */
    private static final int ROWS_PER_COMMIT = 512;
    /**
     * The share of a core a background checkpoint may take. Unpaced, a checkpoint of 10,000 bindings took a core
     * for about a second (H2's MERGE, and the compiler the first times), and at 20,000 REGISTER/s on two cores the
     * event loop and the store's thread, starved meanwhile, fell seconds behind (docs/PERFORMANCE.md, server run 7).
     */
    private static final double DUTY = 0.25;
    private static final long MAX_REST_MILLIS = 1_000;
    private static final long SWEEP_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final Database db;
    private final LocationJournal journal;
    private final ExecutorService thread;
    private final LogThrottle failures = new LogThrottle(5_000);
    private Future<?> inFlight;
    private volatile boolean closing;
    /** Set when the store stops (and by {@link #close}): a checkpoint in flight finishes at full speed. */
    private volatile boolean hurry;
    private long lastSweep = System.currentTimeMillis();

    Checkpointer(Database db, LocationJournal journal) {
        this.db = db;
        this.journal = journal;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "callisto-store-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** True while a submitted checkpoint has not finished. Called on the location store's thread. */
    boolean busy() {
        return inFlight != null && !inFlight.isDone();
    }

    /**
     * Writes {@code changes} (the last change of each binding; null: deleted) to H2 in the background, then deletes
     * the journal segments up to {@code sealed}. Called on the location store's thread, when not {@link #busy()}.
     */
    void submit(Map<ExpiryIndex.Row, Binding> changes, long sealed) {
        inFlight = thread.submit(() -> runWithRetry(changes, sealed));
    }

    /** From now on a checkpoint in flight no longer rests (the store is stopping). Any thread. */
    void hurry() {
        hurry = true;
    }

    /** Waits for a checkpoint in flight (at most {@code millis}); true when none is left running. */
    boolean await(long millis) {
        if (inFlight == null) {
            return true;
        }
        try {
            inFlight.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true; // runWithRetry logs its own failures
        }
    }

    /**
     * Writes {@code changes} and deletes the segments up to {@code sealed} on the caller's thread, once, at full
     * speed (the final checkpoint at close).
     */
    void runNow(Map<ExpiryIndex.Row, Binding> changes, long sealed) throws SQLException, IOException {
        run(changes, sealed, null);
    }

    private void run(Map<ExpiryIndex.Row, Binding> changes, long sealed, DutyCycle pace)
            throws SQLException, IOException {
        write(changes, pace);
        journal.deleteThrough(sealed);
    }

    private void runWithRetry(Map<ExpiryIndex.Row, Binding> changes, long sealed) {
        long backoff = 1_000;
        while (true) {
            try {
                run(changes, sealed, DutyCycle.of(DUTY, MAX_REST_MILLIS));
                return;
            } catch (SQLException | IOException | RuntimeException e) {
                int left = failures.admit();
                if (left >= 0) {
                    LOG.warn("location store: checkpoint of {} change(s) failed, the journal keeps them: {}{}",
                            changes.size(), e.getMessage(), left > 0 ? " (" + left + " similar not logged)" : "");
                }
                if (closing) {
                    return; // the segments stay; the next start replays them
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** Writes {@code changes}, resting between commits when {@code pace} is not null. */
    private void write(Map<ExpiryIndex.Row, Binding> changes, DutyCycle pace) throws SQLException {
        List<Binding> upserts = new ArrayList<>();
        List<ExpiryIndex.Row> deletes = new ArrayList<>();
        if (pace != null) {
            pace.begin();
        }
        for (Map.Entry<ExpiryIndex.Row, Binding> e : changes.entrySet()) {
            if (e.getValue() != null) {
                upserts.add(e.getValue());
            } else {
                deletes.add(e.getKey());
            }
            if (upserts.size() + deletes.size() >= ROWS_PER_COMMIT) {
                commit(upserts, deletes);
                if (pace != null && !hurry) {
                    pace.rest();
                }
            }
        }
        commit(upserts, deletes);
        long now = System.currentTimeMillis();
        if (now - lastSweep > SWEEP_MILLIS) {
            lastSweep = now;
            try (Connection c = db.connection()) {
                int n = BindingRows.sweep(c, now);
                c.commit();
                LOG.debug("location store: swept {} expired binding(s)", n);
            }
        }
    }

    private void commit(List<Binding> upserts, List<ExpiryIndex.Row> deletes) throws SQLException {
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        try (Connection c = db.connection()) {
            try {
                BindingRows.write(c, db.dialect(), upserts, deletes);
                ChangeCounter.bump(c, Schema.LOCATION); // a second process (bin/callisto user) reloads
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
                throw e;
            }
        }
        upserts.clear();
        deletes.clear();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops retrying, waits up to {@code millis} for a checkpoint in flight, then stops the thread. */
    void close(long millis) {
        hurry = true;
        closing = true;
        await(millis);
        thread.shutdown();
    }

    @Override
    public void close() {
        close(30_000);
    }
}
