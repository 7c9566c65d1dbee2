package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the H2 location store makes its writes durable: through a {@link LocationJournal}, with the changes handed
 * to H2 later by a {@link Checkpointer} (docs/server-stores.md, "Journal"). It keeps the changes written since the
 * last checkpoint began ({@code dirty}: the last change of each binding), and starts a checkpoint every
 * {@code checkpointMillis}, or sooner once the current segment passes {@value #CHECKPOINT_BYTES} bytes, when none
 * is running. Checkpoints fold repeated changes of one binding into one row write.
 *
 * <p>Used only under {@link JournalTurns}' lock (event loops append and write, the store's thread expires and
 * checkpoints), except {@link #close}, which runs after the store's thread ended and updates were refused.
 */
final class JournalWrites {

    private static final Logger LOG = LoggerFactory.getLogger(JournalWrites.class);
    static final long CHECKPOINT_BYTES = 128L << 20;

    private final Database db;
    private final Path dir;
    private final long checkpointNanos;
    private LocationJournal journal;
    private Checkpointer checkpointer;
    private Map<ExpiryIndex.Row, Binding> dirty = new HashMap<>();
    private final List<ExpiryIndex.Row> pendingRows = new ArrayList<>();
    private final List<Binding> pendingValues = new ArrayList<>();
    private long lastCheckpoint = System.nanoTime();

    /** Journal writes for the H2 database {@code db}, with the journal in {@code dir}, checkpointed that often. */
    JournalWrites(Database db, Path dir, long checkpointMillis) {
        this.db = db;
        this.dir = dir;
        this.checkpointNanos = TimeUnit.MILLISECONDS.toNanos(checkpointMillis);
    }

    /**
     * Opens and locks the journal and replays it onto {@code loaded} (the unexpired bindings H2 holds, by AoR),
     * dropping what has expired at {@code nowMillis}; the replayed changes become the first checkpoint's work.
     */
    void recover(Map<String, List<Binding>> loaded, long nowMillis) throws IOException {
        journal = LocationJournal.open(dir);
        Map<ExpiryIndex.Row, Binding> replayed;
        try {
            replayed = journal.replay();
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        for (Map.Entry<ExpiryIndex.Row, Binding> e : replayed.entrySet()) {
            String aor = e.getKey().aor();
            List<Binding> list = new ArrayList<>(loaded.getOrDefault(aor, List.of()));
            list.removeIf(b -> b.key().equals(e.getKey().key()));
            Binding b = e.getValue();
            if (b != null && !b.expiredAt(nowMillis)) {
                list.add(b);
            }
            if (list.isEmpty()) {
                loaded.remove(aor);
            } else {
                loaded.put(aor, list);
            }
        }
        dirty.putAll(replayed);
        if (!replayed.isEmpty()) {
            LOG.info("location store: replayed {} change(s) from the journal in {}", replayed.size(), dir);
        }
        checkpointer = new Checkpointer(db, journal);
    }

    /** Adds an update of {@code aor} to the batch that {@link #write()} writes. */
    void add(String aor, List<Binding> upserts, List<String> removals) {
        for (Binding b : upserts) {
            journal.upsert(b);
            pendingRows.add(new ExpiryIndex.Row(aor, b.key()));
            pendingValues.add(b);
        }
        for (String k : removals) {
            journal.delete(aor, k);
            pendingRows.add(new ExpiryIndex.Row(aor, k));
            pendingValues.add(null);
        }
    }

    /** Writes the batch to the journal; once this returns, the batch is durable and may be acknowledged. */
    void write() throws IOException {
        try {
            journal.write();
            for (int i = 0; i < pendingRows.size(); i++) {
                dirty.put(pendingRows.get(i), pendingValues.get(i));
            }
        } finally {
            pendingRows.clear();
            pendingValues.clear();
        }
    }

    /**
     * Bindings dropped from memory because they expired: the next checkpoint deletes their rows. No journal record
     * is needed: an expired binding found on replay or in H2 is never loaded.
     */
    void expired(List<ExpiryIndex.Row> rows) {
        for (ExpiryIndex.Row r : rows) {
            dirty.put(r, null);
        }
    }

    /** Starts a checkpoint when one is due and none is running. */
    void tick() {
        if (dirty.isEmpty() || checkpointer.busy()) {
            return;
        }
        boolean due = System.nanoTime() - lastCheckpoint >= checkpointNanos
                || journal.segmentBytes() >= CHECKPOINT_BYTES;
        if (!due) {
            return;
        }
        long sealed;
        try {
            sealed = journal.rotate();
        } catch (IOException e) {
            LOG.warn("location store: cannot start a new journal segment, checkpoint postponed: {}", e.getMessage());
            return;
        }
        lastCheckpoint = System.nanoTime();
        checkpointer.submit(dirty, sealed);
        dirty = new HashMap<>();
    }

    /** Changes written since the last checkpoint began (tests, metrics). */
    int dirtyCount() {
        return dirty.size();
    }

    /**
     * After the store's thread has ended: waits for a checkpoint in flight, writes what is left to H2 and deletes
     * the journal's segments; when H2 refuses, the segments stay and the next start replays them.
     */
    void close() {
        if (journal == null) {
            return;
        }
        try {
            checkpointer.hurry();
            if (checkpointer.await(30_000)) {
                try {
                    checkpointer.runNow(dirty, Long.MAX_VALUE); // every segment, the open one too: nothing follows
                    dirty.clear();
                } catch (Exception e) {
                    LOG.warn("location store: final checkpoint failed, {} change(s) stay in the journal for the next"
                            + " start: {}", dirty.size(), e.getMessage());
                }
            }
            checkpointer.close(0);
        } finally {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("location store: closing the journal: {}", e.getMessage());
            }
        }
    }
}
