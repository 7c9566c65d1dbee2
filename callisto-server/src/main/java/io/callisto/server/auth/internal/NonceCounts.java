package io.callisto.server.auth.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replay protection by nonce count (RFC 7616 §3.4 nc, §5.5): the highest nc accepted so far per (user, nonce),
 * for nonces that are still valid. A request must carry a higher nc than every earlier accepted one.
 *
 * <p>Memory is bounded. Entries of expired nonces are swept as new ones arrive (an expired nonce is refused
 * before its count is looked at, so forgetting it is safe). When the table is full the oldest entry is evicted
 * and its issue time raises a watermark: a nonce issued at or before the watermark that has no entry may have
 * been used before it was forgotten, so it is refused as well (the client gets a fresh nonce with stale=true).
 * Replay protection therefore never weakens under a flood; at worst clients re-authenticate sooner.
 *
 * <p>Thread-safe and lock-free: a concurrent map of entries whose count moves up by compare-and-set, and a queue
 * of keys in insertion order ({@link InsertionOrder}: each key is in it exactly while it is in the map).
 */
public final class NonceCounts {
    private static final int SWEEP_STEPS = 2;

    private final int capacity;
    private final long lifetimeMillis;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final InsertionOrder<String> order = new InsertionOrder<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);

    private static final class Entry {
        final long issuedAt;
        final AtomicLong lastCount;

        Entry(long issuedAt, long count) {
            this.issuedAt = issuedAt;
            this.lastCount = new AtomicLong(count);
        }
    }

    /** A table of at most {@code capacity} entries for nonces valid {@code lifetimeMillis} after their issue. */
    public NonceCounts(int capacity, long lifetimeMillis) {
        this.capacity = capacity;
        this.lifetimeMillis = lifetimeMillis;
    }

    /**
     * Records {@code count} for {@code key} (a nonce issued at {@code issuedAt}, which the caller has checked is
     * still valid at {@code nowMillis}) when it is higher than every count recorded for that key.
     *
     * @return true when the count is fresh; false for a replay, or a nonce that may have been forgotten
     */
    public boolean advance(String key, long issuedAt, long count, long nowMillis) {
        sweep(nowMillis);
        Entry e = entries.get(key);
        if (e == null) {
            if (issuedAt <= watermark.get()) {
                return false;
            }
            Entry fresh = new Entry(issuedAt, count);
            e = entries.putIfAbsent(key, fresh);
            if (e == null) {
                order.add(key);
                if (size.incrementAndGet() > capacity) {
                    evictOverCapacity();
                }
                return true;
            }
        }
        for (;;) {
            long last = e.lastCount.get();
            if (count <= last) {
                return false;
            }
            if (e.lastCount.compareAndSet(last, count)) {
                return true;
            }
        }
    }

    /** The number of entries now. */
    public int size() {
        return Math.max(0, size.get());
    }

    /** Removes up to {@link #SWEEP_STEPS} entries of expired nonces from the head of the queue. */
    private void sweep(long nowMillis) {
        order.sweep(SWEEP_STEPS, key -> {
            Entry e = entries.get(key);
            return e == null || nowMillis - e.issuedAt >= lifetimeMillis;
        }, key -> {
            Entry e = entries.get(key);
            if (e != null && entries.remove(key, e)) {
                size.decrementAndGet();
            }
        });
    }

    private void evictOverCapacity() {
        order.evict(() -> size.get() > capacity, key -> {
            Entry e = entries.get(key);
            if (e != null) {
                watermark.accumulateAndGet(e.issuedAt, Math::max);
                if (entries.remove(key, e)) {
                    size.decrementAndGet();
                }
            }
        });
    }
}
