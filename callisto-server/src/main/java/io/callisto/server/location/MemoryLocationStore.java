package io.callisto.server.location;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A {@link LocationStore} held in memory only: nothing survives a restart. Used by tests, and as the in-memory
 * view that the durable stores keep in front of their database. Each AoR maps to an immutable list, replaced
 * whole on every change, so readers never lock and never see half an update.
 */
public final class MemoryLocationStore implements LocationStore {

    private final ConcurrentHashMap<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final LongSupplier clock;

    /** A store whose lookups hide bindings expired by the wall clock. */
    public MemoryLocationStore() {
        this(System::currentTimeMillis);
    }

    /** A store whose lookups hide bindings expired at {@code clock} (epoch milliseconds; tests pass their own). */
    public MemoryLocationStore(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public List<Binding> lookup(String aor) {
        List<Binding> all = byAor.get(aor);
        if (all == null) {
            return List.of();
        }
        long now = clock.getAsLong();
        for (Binding b : all) {
            if (b.expiredAt(now)) {
                return all.stream().filter(x -> !x.expiredAt(now)).toList();
            }
        }
        return all;
    }

    @Override
    public CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals) {
        apply(aor, upserts, removals);
        notifyListeners(aor);
        return CompletableFuture.completedFuture(null);
    }

    /** Applies a change to memory without telling listeners (for stores that notify themselves). */
    public void apply(String aor, Collection<Binding> upserts, Collection<String> removals) {
        byAor.compute(aor, (k, old) -> {
            List<Binding> refreshed = refreshedInPlace(old, upserts, removals);
            if (refreshed != null) {
                return refreshed;
            }
            Map<String, Binding> next = new LinkedHashMap<>();
            if (old != null) {
                for (Binding b : old) {
                    next.put(b.key(), b);
                }
            }
            for (Binding b : upserts) {
                next.put(b.key(), b);
            }
            for (String key : removals) {
                next.remove(key);
            }
            return next.isEmpty() ? null : List.copyOf(next.values());
        });
    }

    /**
     * The common refresh: every upsert replaces a binding of the same key and nothing is removed. The new list has
     * the same order, built without a map; null when the change is anything else.
     */
    private static List<Binding> refreshedInPlace(List<Binding> old, Collection<Binding> upserts,
            Collection<String> removals) {
        if (old == null || !removals.isEmpty()) {
            return null;
        }
        Binding[] next = old.toArray(new Binding[0]);
        for (Binding b : upserts) {
            String key = b.key();
            int i = 0;
            while (i < next.length && !next[i].key().equals(key)) {
                i++;
            }
            if (i == next.length) {
                return null;
            }
            next[i] = b;
        }
        return List.of(next);
    }

    /** Replaces everything known about {@code aor} (a reload from the database); empty removes it. */
    public void replace(String aor, List<Binding> bindings) {
        if (bindings.isEmpty()) {
            byAor.remove(aor);
        } else {
            byAor.put(aor, List.copyOf(bindings));
        }
    }

    @Override
    public CompletableFuture<Integer> removeExpired(long nowMillis) {
        int removed = 0;
        for (String aor : new ArrayList<>(byAor.keySet())) {
            List<String> gone = new ArrayList<>();
            for (Binding b : byAor.getOrDefault(aor, List.of())) {
                if (b.expiredAt(nowMillis)) {
                    gone.add(b.key());
                }
            }
            if (!gone.isEmpty()) {
                apply(aor, List.of(), gone);
                removed += gone.size();
                notifyListeners(aor);
            }
        }
        return CompletableFuture.completedFuture(removed);
    }

    @Override
    public List<String> aors() {
        return byAor.keySet().stream().sorted().toList();
    }

    @Override
    public int bindingCount() {
        int n = 0;
        for (List<Binding> l : byAor.values()) {
            n += l.size();
        }
        return n;
    }

    @Override
    public void addListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Tells every listener that {@code aor} changed. */
    public void notifyListeners(String aor) {
        for (Consumer<String> l : listeners) {
            l.accept(aor);
        }
    }

    @Override
    public void close() {
    }
}
