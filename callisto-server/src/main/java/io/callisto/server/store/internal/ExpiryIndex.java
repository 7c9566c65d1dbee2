package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * When each binding held in memory expires, ordered by time, so that removing the expired ones deletes them from the
 * database by primary key: the table needs no index on {@code expires_at} (an index that halves H2's upsert rate)
 * and no scan. It mirrors the memory view and, like it, is changed only on the location store's thread.
 *
 * <p>Each binding has at most one live queue entry, so a refresh allocates nothing: a refresh that moves the expiry
 * later leaves the entry where it is, and when that entry comes up the binding is queued again at its current
 * expiry; only a refresh that moves it earlier queues a new entry (the old one goes stale). Stale entries (of
 * removed bindings, or left by earlier expiries) are skipped when they come up, and when they outnumber the live
 * bindings the queue is rebuilt, so its size stays within twice the number of bindings (plus a constant).
 */
final class ExpiryIndex {

    /** One binding's key: its AoR and {@link Binding#key()}. */
    record Row(String aor, String key) {
    }

    private record Entry(long at, Row row) {
    }

    /** A binding's expiry, and the time of its live queue entry (at most {@code at}). */
    private static final class Slot {
        long at;
        long queuedAt;

        Slot(long at) {
            this.at = at;
            this.queuedAt = at;
        }
    }

    private static final int SLACK = 1024;

    private final Map<String, Map<String, Slot>> byAor = new HashMap<>();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));
    private int live;

    /** Mirrors an update: {@code upserts} set their expiry, then {@code removals} are dropped. */
    void apply(String aor, Collection<Binding> upserts, Collection<String> removals) {
        Map<String, Slot> keys = byAor.computeIfAbsent(aor, k -> new HashMap<>());
        for (Binding b : upserts) {
            Slot slot = keys.get(b.key());
            if (slot == null) {
                slot = new Slot(b.expiresAt());
                keys.put(b.key(), slot);
                live++;
                queue.add(new Entry(slot.queuedAt, new Row(aor, b.key())));
            } else if (b.expiresAt() < slot.queuedAt) {
                slot.at = b.expiresAt();
                slot.queuedAt = slot.at;
                queue.add(new Entry(slot.queuedAt, new Row(aor, b.key())));
            } else {
                slot.at = b.expiresAt(); // its entry comes up first and is queued again then
            }
        }
        for (String k : removals) {
            if (keys.remove(k) != null) {
                live--;
            }
        }
        if (keys.isEmpty()) {
            byAor.remove(aor);
        }
        compactIfStale();
    }

    /** Mirrors a reload of {@code aor}: exactly {@code bindings} remain. */
    void replace(String aor, Collection<Binding> bindings) {
        Map<String, Slot> keys = byAor.get(aor);
        List<String> gone = new ArrayList<>();
        if (keys != null) {
            Set<String> kept = new java.util.HashSet<>();
            for (Binding b : bindings) {
                kept.add(b.key());
            }
            for (String k : keys.keySet()) {
                if (!kept.contains(k)) {
                    gone.add(k);
                }
            }
        }
        apply(aor, bindings, gone);
    }

    /**
     * Takes the bindings expired at {@code nowMillis} out of the queue. They stay known (so a failed deletion can
     * {@link #putBack} them) until {@link #forget}.
     */
    List<Row> takeDue(long nowMillis) {
        Set<Row> due = new LinkedHashSet<>();
        while (!queue.isEmpty() && queue.peek().at() <= nowMillis) {
            Entry e = queue.poll();
            Slot slot = slot(e.row());
            if (slot == null || slot.queuedAt != e.at()) {
                continue; // stale
            }
            if (slot.at <= nowMillis) {
                due.add(e.row());
            } else {
                slot.queuedAt = slot.at; // refreshed since it was queued: wait for the new expiry
                queue.add(new Entry(slot.queuedAt, e.row()));
            }
        }
        return new ArrayList<>(due);
    }

    /** Returns rows taken by {@link #takeDue} whose deletion failed. */
    void putBack(Collection<Row> rows) {
        for (Row r : rows) {
            Slot slot = slot(r);
            if (slot != null) {
                slot.queuedAt = slot.at;
                queue.add(new Entry(slot.queuedAt, r));
            }
        }
    }

    /**
     * Forgets rows that were deleted, unless they were refreshed meanwhile (then their new entry is queued); returns
     * the rows forgotten.
     */
    List<Row> forget(Collection<Row> rows, long nowMillis) {
        List<Row> forgotten = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, Slot> keys = byAor.get(r.aor());
            Slot slot = keys == null ? null : keys.get(r.key());
            if (slot == null) {
                continue;
            }
            if (slot.at <= nowMillis) {
                keys.remove(r.key());
                live--;
                if (keys.isEmpty()) {
                    byAor.remove(r.aor());
                }
                forgotten.add(r);
            } else {
                slot.queuedAt = slot.at;
                queue.add(new Entry(slot.queuedAt, r));
            }
        }
        return forgotten;
    }

    private Slot slot(Row r) {
        Map<String, Slot> keys = byAor.get(r.aor());
        return keys == null ? null : keys.get(r.key());
    }

    /** Rebuilds the queue from the live bindings once stale entries outnumber them. */
    private void compactIfStale() {
        if (queue.size() <= 2L * live + SLACK) {
            return;
        }
        List<Entry> fresh = new ArrayList<>(live);
        byAor.forEach((aor, keys) -> keys.forEach((key, slot) -> {
            slot.queuedAt = slot.at;
            fresh.add(new Entry(slot.at, new Row(aor, key)));
        }));
        queue.clear();
        queue.addAll(fresh);
    }

    /** Bindings known (tests). */
    int live() {
        return live;
    }

    /** Entries in the queue, stale ones included (tests). */
    int queued() {
        return queue.size();
    }
}
