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
 * <p>The queue is lazy: a refreshed binding leaves its old entry behind, which is skipped when it comes up because
 * the binding's current expiry differs.
 */
final class ExpiryIndex {

    /** One binding's key: its AoR and {@link Binding#key()}. */
    record Row(String aor, String key) {
    }

    private record Entry(long at, Row row) {
    }

    private final Map<String, Map<String, Long>> byAor = new HashMap<>();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

    /** Mirrors an update: {@code upserts} set their expiry, then {@code removals} are dropped. */
    void apply(String aor, Collection<Binding> upserts, Collection<String> removals) {
        Map<String, Long> keys = byAor.computeIfAbsent(aor, k -> new HashMap<>());
        for (Binding b : upserts) {
            Long old = keys.put(b.key(), b.expiresAt());
            if (old == null || old != b.expiresAt()) {
                queue.add(new Entry(b.expiresAt(), new Row(aor, b.key())));
            }
        }
        for (String k : removals) {
            keys.remove(k);
        }
        if (keys.isEmpty()) {
            byAor.remove(aor);
        }
    }

    /** Mirrors a reload of {@code aor}: exactly {@code bindings} remain (old queue entries go stale). */
    void replace(String aor, Collection<Binding> bindings) {
        byAor.remove(aor);
        apply(aor, bindings, List.of());
    }

    /**
     * Takes the bindings expired at {@code nowMillis} out of the queue. They stay known (so a failed deletion can
     * {@link #putBack} them) until {@link #forget}.
     */
    List<Row> takeDue(long nowMillis) {
        Set<Row> due = new LinkedHashSet<>(); // a binding re-queued with the same expiry comes up twice
        while (!queue.isEmpty() && queue.peek().at() <= nowMillis) {
            Entry e = queue.poll();
            Map<String, Long> keys = byAor.get(e.row().aor());
            Long at = keys == null ? null : keys.get(e.row().key());
            if (at != null && at == e.at()) {
                due.add(e.row());
            }
        }
        return new ArrayList<>(due);
    }

    /** Returns rows taken by {@link #takeDue} whose deletion failed. */
    void putBack(Collection<Row> rows) {
        for (Row r : rows) {
            Map<String, Long> keys = byAor.get(r.aor());
            Long at = keys == null ? null : keys.get(r.key());
            if (at != null) {
                queue.add(new Entry(at, r));
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
            Map<String, Long> keys = byAor.get(r.aor());
            Long at = keys == null ? null : keys.get(r.key());
            if (at != null && at <= nowMillis) {
                keys.remove(r.key());
                if (keys.isEmpty()) {
                    byAor.remove(r.aor());
                }
                forgotten.add(r);
            }
        }
        return forgotten;
    }

    /** Entries in the queue, stale ones included (tests). */
    int queued() {
        return queue.size();
    }
}
