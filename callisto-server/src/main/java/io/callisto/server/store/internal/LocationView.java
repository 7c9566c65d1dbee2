package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import io.callisto.server.location.MemoryLocationStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-memory side of {@link JdbcLocationStore}: the {@link MemoryLocationStore} that every read uses, the
 * {@link ExpiryIndex} that mirrors it, and the listeners. Reads may come from any thread; changes come only from
 * the store's thread, after the database committed them.
 */
final class LocationView {

    private static final Logger LOG = LoggerFactory.getLogger(LocationView.class);

    private final MemoryLocationStore memory = new MemoryLocationStore();
    private final ExpiryIndex expiry = new ExpiryIndex();
    private final CopyOnWriteArrayList<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    List<Binding> lookup(String aor) {
        return memory.lookup(aor);
    }

    List<String> aors() {
        return memory.aors();
    }

    int bindingCount() {
        return memory.bindingCount();
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void addListener(Consumer<String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A committed update of {@code aor} (listeners are told by {@link #tell}, once per AoR of a batch). */
    void apply(String aor, Collection<Binding> upserts, Collection<String> removals) {
        memory.apply(aor, upserts, removals);
        expiry.apply(aor, upserts, removals);
    }

    /** The initial load: no listener is told. */
    void load(Map<String, List<Binding>> all) {
        all.forEach((aor, bindings) -> {
            memory.replace(aor, bindings);
            expiry.replace(aor, bindings);
        });
    }

    /** A reload of {@code aor} from the database: replaces it and tells the listeners if it changed. */
    void reloaded(String aor, List<Binding> fresh) {
        if (byKey(memory.lookup(aor)).equals(byKey(fresh))) {
            return;
        }
        memory.replace(aor, fresh);
        expiry.replace(aor, fresh);
        tell(aor);
    }

    /** A reload of everything: each AoR that differs is replaced, and its listeners told. */
    void reloadedAll(Map<String, List<Binding>> all) {
        Set<String> seen = new LinkedHashSet<>(memory.aors());
        seen.addAll(all.keySet());
        for (String aor : seen) {
            reloaded(aor, all.getOrDefault(aor, List.of()));
        }
    }

    /** The bindings expired at {@code nowMillis}, taken from the expiry queue (see {@link ExpiryIndex#takeDue}). */
    List<ExpiryIndex.Row> takeDue(long nowMillis) {
        return expiry.takeDue(nowMillis);
    }

    /** Puts back rows whose deletion failed. */
    void putBack(List<ExpiryIndex.Row> rows) {
        expiry.putBack(rows);
    }

    /** Drops the deleted rows still expired at {@code nowMillis}, tells their AoRs' listeners; returns them. */
    List<ExpiryIndex.Row> expired(List<ExpiryIndex.Row> deleted, long nowMillis) {
        Map<String, List<String>> gone = new LinkedHashMap<>();
        List<ExpiryIndex.Row> dropped = expiry.forget(deleted, nowMillis);
        for (ExpiryIndex.Row r : dropped) {
            gone.computeIfAbsent(r.aor(), k -> new ArrayList<>()).add(r.key());
        }
        for (Map.Entry<String, List<String>> g : gone.entrySet()) {
            memory.apply(g.getKey(), List.of(), g.getValue());
            tell(g.getKey());
        }
        return dropped;
    }

    /** Tells every listener that {@code aor} changed; a failing listener is logged and does not stop the others. */
    void tell(String aor) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(aor);
            } catch (RuntimeException e) {
                LOG.error("a location listener failed for {}", aor, e);
            }
        }
    }

    private static Map<String, Binding> byKey(List<Binding> bindings) {
        Map<String, Binding> m = new HashMap<>();
        for (Binding b : bindings) {
            m.put(b.key(), b);
        }
        return m;
    }
}
