package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The H2 location store's writes, made on the callers' threads (docs/server-stores.md, "Journal"): an update is
 * added to the journal's open batch, and the batch is written, applied to memory and acknowledged by a task queued
 * on the caller's executor (its event loop), behind the tasks already queued there. So every REGISTER read in one
 * event-loop turn shares one {@code write(2)}, and its 200 leaves in that same turn: no hand-off to a store thread
 * and back, and no wake-up of either.
 *
 * <p>One lock guards the journal, the in-memory view's changes and the expiry index, because several event loops
 * and the store's thread (expiry, checkpoints) change them. It is held for the append and for the write; futures
 * are completed and listeners told after it is released, so their callbacks may update again.
 */
final class JournalTurns {

    private record Pending(String aor, List<Binding> upserts, List<String> removals, CompletableFuture<Void> done) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final JournalWrites journal;
    private final LocationView view;
    private final Consumer<Exception> onFailure;
    private final Runnable flusher = this::flush;
    private List<Pending> pending = new ArrayList<>();
    private boolean closed;

    /** Writes through {@code journal} into {@code view}; {@code onFailure} logs a failed write. */
    JournalTurns(JournalWrites journal, LocationView view, Consumer<Exception> onFailure) {
        this.journal = journal;
        this.view = view;
        this.onFailure = onFailure;
    }

    /**
     * Adds an update to the open batch. With a {@code turn}, the batch is written by a task queued there (or by an
     * earlier caller's task, when one is queued already); without one, it is written now, on this thread.
     */
    CompletableFuture<Void> update(String aor, List<Binding> upserts, List<String> removals, Executor turn) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queueFlush;
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("the location store is closed"));
            }
            journal.add(aor, upserts, removals);
            pending.add(new Pending(aor, upserts, removals, done));
            queueFlush = turn != null && pending.size() == 1; // the first of a batch queues its write
        } finally {
            lock.unlock();
        }
        if (!queueFlush) {
            if (turn == null) {
                flush();
            }
            return done;
        }
        try {
            turn.execute(flusher);
        } catch (RejectedExecutionException e) { // the loop is shutting down: write now
            flush();
        }
        return done;
    }

    /** Writes the open batch, applies it to memory, then acknowledges it (or fails every update in it). */
    void flush() {
        List<Pending> batch;
        IOException failure = null;
        lock.lock();
        try {
            batch = pending;
            if (batch.isEmpty()) {
                return;
            }
            pending = new ArrayList<>();
            try {
                journal.write();
                for (Pending p : batch) {
                    view.apply(p.aor(), p.upserts(), p.removals());
                }
            } catch (IOException e) {
                failure = e;
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            onFailure.accept(failure);
            for (Pending p : batch) {
                p.done().completeExceptionally(failure);
            }
            return;
        }
        if (view.hasListeners()) { // a server has none: no set of AoRs per batch then
            Set<String> aors = new LinkedHashSet<>();
            for (Pending p : batch) {
                aors.add(p.aor());
            }
            aors.forEach(view::tell);
        }
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    /** Drops the bindings expired at {@code nowMillis} from memory; the next checkpoint deletes their rows. */
    int expire(long nowMillis) {
        lock.lock();
        try {
            List<ExpiryIndex.Row> gone = view.expired(view.takeDue(nowMillis), nowMillis);
            journal.expired(gone);
            return gone.size();
        } finally {
            lock.unlock();
        }
    }

    /** Starts a checkpoint when one is due (the store's thread, between its operations). */
    void tick() {
        lock.lock();
        try {
            journal.tick();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses later updates, writes the open batch, then checkpoints and closes the journal. */
    void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        flush();
        journal.close();
    }
}
