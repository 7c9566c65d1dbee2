package io.callisto.server.testing;

import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.location.MemoryLocationStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A location store whose writes the test controls: applied at once (the default), held until {@link #release()}
 * (memory changes only then, as a durable store's would), failed, or thrown from {@code update} itself.
 */
public final class ControlledStore implements LocationStore {

    /** How {@link #update} behaves. */
    public enum Mode { IMMEDIATE, HOLD, FAIL, THROW }

    /** One update call. */
    public record Update(String aor, List<Binding> upserts, List<String> removals) {
    }

    public final MemoryLocationStore memory;
    public final List<Update> updates = new ArrayList<>();
    public Mode mode = Mode.IMMEDIATE;
    private final ArrayDeque<Runnable> held = new ArrayDeque<>();

    public ControlledStore(LongSupplier clock) {
        this.memory = new MemoryLocationStore(clock);
    }

    @Override
    public List<Binding> lookup(String aor) {
        return memory.lookup(aor);
    }

    @Override
    public CompletableFuture<Void> update(String aor, Collection<Binding> upserts, Collection<String> removals) {
        Update u = new Update(aor, List.copyOf(upserts), List.copyOf(removals));
        updates.add(u);
        switch (mode) {
            case FAIL:
                return CompletableFuture.failedFuture(new IllegalStateException("disk full"));
            case THROW:
                throw new IllegalStateException("store closed");
            case HOLD:
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.add(() -> {
                    memory.apply(aor, u.upserts(), u.removals());
                    f.complete(null);
                });
                return f;
            default:
                return memory.update(aor, upserts, removals);
        }
    }

    /** Completes the oldest held write (applying it to memory); false when none is held. */
    public boolean release() {
        Runnable r = held.poll();
        if (r != null) {
            r.run();
        }
        return r != null;
    }

    /** How many writes are held. */
    public int heldCount() {
        return held.size();
    }

    @Override
    public CompletableFuture<Integer> removeExpired(long nowMillis) {
        return memory.removeExpired(nowMillis);
    }

    @Override
    public List<String> aors() {
        return memory.aors();
    }

    @Override
    public int bindingCount() {
        return memory.bindingCount();
    }

    @Override
    public void addListener(Consumer<String> listener) {
        memory.addListener(listener);
    }

    @Override
    public void close() {
    }
}
