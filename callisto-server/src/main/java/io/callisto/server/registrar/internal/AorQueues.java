package io.callisto.server.registrar.internal;

import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs the steps submitted for one AoR one after the other on that AoR's owner ({@code owners.ownerOf(aor)}),
 * each step starting only once the previous one's future has completed: the read-modify-write of a REGISTER
 * (lookup, merge, durable update) never interleaves with another for the same AoR, whichever owners their
 * transactions live on (RFC 3261 §10.3: processed in order and atomically). Steps of different AoRs run
 * independently. No locks: each owner has its own table, touched only on that owner's thread.
 */
public final class AorQueues {

    private final Owners owners;
    private final int maxQueued;
    private final Map<String, ArrayDeque<Supplier<CompletableFuture<?>>>>[] tables;

    /**
     * Queues over {@code owners}.
     *
     * @param maxQueued how many steps may wait for one AoR; more are refused
     */
    @SuppressWarnings("unchecked")
    public AorQueues(Owners owners, int maxQueued) {
        this.owners = owners;
        this.maxQueued = maxQueued;
        this.tables = new Map[owners.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new HashMap<>();
        }
    }

    /** The owner whose thread runs the steps of {@code aor}. */
    public Owner ownerOf(String aor) {
        return owners.ownerOf(aor);
    }

    /**
     * Queues {@code step} for {@code aor}; call on {@link #ownerOf(String) the AoR's owner}. The step runs on that
     * owner when every earlier step of the AoR is done; the future it returns must complete on the same owner (or
     * the next step would start elsewhere). A step that throws counts as done.
     *
     * @return false, without queuing, when {@code maxQueued} steps already wait for this AoR
     */
    public boolean submit(String aor, Supplier<CompletableFuture<?>> step) {
        Map<String, ArrayDeque<Supplier<CompletableFuture<?>>>> table = table(aor);
        ArrayDeque<Supplier<CompletableFuture<?>>> queue = table.get(aor);
        if (queue != null) {
            if (queue.size() > maxQueued) { // the head is the running step
                return false;
            }
            queue.add(step);
            return true;
        }
        queue = new ArrayDeque<>();
        queue.add(step);
        table.put(aor, queue);
        drain(aor, queue);
        return true;
    }

    /** How many steps of {@code aor} run or wait (0 when idle); call on the AoR's owner. */
    public int queued(String aor) {
        ArrayDeque<?> q = table(aor).get(aor);
        return q == null ? 0 : q.size();
    }

    /** Runs the queue's head steps while they complete at once; waits for the first that does not. */
    private void drain(String aor, ArrayDeque<Supplier<CompletableFuture<?>>> queue) {
        while (true) {
            CompletableFuture<?> done;
            try {
                done = queue.peek().get();
            } catch (RuntimeException e) {
                done = null;
            }
            if (done != null && !done.isDone()) {
                Owner owner = owners.ownerOf(aor);
                done.whenComplete((v, err) -> owner.run(() -> next(aor, queue)));
                return;
            }
            queue.poll();
            if (queue.isEmpty()) {
                table(aor).remove(aor);
                return;
            }
        }
    }

    private void next(String aor, ArrayDeque<Supplier<CompletableFuture<?>>> queue) {
        queue.poll();
        if (queue.isEmpty()) {
            table(aor).remove(aor);
        } else {
            drain(aor, queue);
        }
    }

    private Map<String, ArrayDeque<Supplier<CompletableFuture<?>>>> table(String aor) {
        return tables[Owners.indexOf(aor, tables.length)];
    }
}
