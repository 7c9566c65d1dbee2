package io.callisto.server.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One store's own thread and its bounded queue of operations: every database access of a store runs here, never on
 * the caller's thread. Operations that queued up while the previous batch ran are handed over together (up to
 * {@code maxBatch}), so the handler can commit them in one transaction (group commit). Between batches, and at
 * least every {@code tickMillis}, the handler's {@link Handler#tick()} runs (polling, pending reloads).
 *
 * <p>{@link #offer} never blocks: it fails when {@code capacity} operations are waiting or the queue is closed.
 * {@link #close} lets every operation queued before it run, then stops the thread. The thread is never interrupted
 * (an interrupt closes H2's file channel).
 *
 * @param <T> the operation type
 */
public final class WorkQueue<T> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    private static final Object STOP = new Object();

    /** What the queue's thread runs. */
    public interface Handler<T> {
        /** Runs operations in arrival order; must complete (or fail) each one's future. */
        void process(List<T> batch);

        /** Periodic work; runs on the queue's thread between batches. */
        void tick();

        /** Fails an operation that will not run (the queue closed, or {@link #process} threw). */
        void reject(T op, Throwable cause);
    }

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final int capacity;
    private final int maxBatch;
    private final long tickMillis;
    private final Handler<T> handler;
    private final Thread thread;
    private volatile boolean closed;

    /** A stopped queue; {@link #start()} starts its daemon thread named {@code name}. */
    public WorkQueue(String name, int capacity, int maxBatch, long tickMillis, Handler<T> handler) {
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.tickMillis = tickMillis;
        this.handler = handler;
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
    }

    /** Starts the thread. */
    public void start() {
        thread.start();
    }

    /** Queues {@code op}; false (and nothing queued) when the queue is full or closed. Never blocks. */
    public boolean offer(T op) {
        if (closed) {
            return false;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            return false;
        }
        queue.add(op);
        // close() may have run since the check above, and its thread may already have drained the queue for the
        // last time: take the operation back if it is still there (if not, the thread has it and will run or reject it)
        if (closed && queue.remove(op)) {
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    /** True when called on the queue's own thread. */
    public boolean onQueueThread() {
        return Thread.currentThread() == thread;
    }

    /** True while the queue's thread runs (after {@link #close}, false once it has ended). */
    public boolean running() {
        return thread.isAlive();
    }

    /** Operations waiting (for metrics and tests). */
    public int pending() {
        return pending.get();
    }

    /** Stops accepting, lets queued operations run, and waits up to {@code timeoutMillis} for the thread to end. */
    public void close(long timeoutMillis) {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        if (thread.isAlive() && !onQueueThread()) {
            try {
                thread.join(timeoutMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LOG.warn("{}: still busy {} ms after close; leaving it to finish", thread.getName(), timeoutMillis);
            }
        }
        if (!thread.isAlive()) {
            rejectLeftovers();
        }
    }

    @SuppressWarnings("unchecked")
    private void loop() {
        List<T> batch = new ArrayList<>();
        long nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tickMillis);
        boolean stop = false;
        while (!stop) {
            Object o;
            try {
                o = queue.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // nobody should interrupt this thread; keep going until STOP
            }
            while (o != null) {
                if (o == STOP) {
                    stop = true;
                    break;
                }
                pending.decrementAndGet();
                batch.add((T) o);
                o = batch.size() < maxBatch ? queue.poll() : null;
            }
            if (!batch.isEmpty()) {
                runBatch(batch);
                batch.clear();
            }
            if (!stop && System.nanoTime() - nextTick >= 0) {
                safeTick();
                nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tickMillis);
            }
        }
        rejectLeftovers();
    }

    private void runBatch(List<T> batch) {
        try {
            handler.process(batch);
        } catch (Throwable t) {
            LOG.error("{}: unexpected failure; failing {} operation(s)", thread.getName(), batch.size(), t);
            for (T op : batch) {
                handler.reject(op, t);
            }
        }
    }

    private void safeTick() {
        try {
            handler.tick();
        } catch (Throwable t) {
            LOG.error("{}: periodic work failed", thread.getName(), t);
        }
    }

    @SuppressWarnings("unchecked")
    private void rejectLeftovers() {
        Object o;
        while ((o = queue.poll()) != null) {
            if (o != STOP) {
                pending.decrementAndGet();
                handler.reject((T) o, new IllegalStateException("the store is closed"));
            }
        }
    }
}
