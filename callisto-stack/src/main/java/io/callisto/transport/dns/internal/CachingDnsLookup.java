package io.callisto.transport.dns.internal;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A bounded cache in front of a {@link DnsLookup}: an answer is kept for its TTL (capped at {@code maxTtlSeconds}),
 * an empty answer for the negative TTL the lookup gave it (short: a name that fails is asked again soon). Questions
 * asked while the same question is in flight share its answer. When the cache is full, expired entries go first,
 * then arbitrary ones; the cache never grows past its bound. Safe to use from any thread.
 */
public final class CachingDnsLookup implements DnsLookup {

    private final DnsLookup delegate;
    private final int capacity;
    private final long maxTtlMillis;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param clock milliseconds, e.g. {@code System::currentTimeMillis} or a test's virtual clock */
    public CachingDnsLookup(DnsLookup delegate, int capacity, long maxTtlSeconds, LongSupplier clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1");
        }
        this.delegate = delegate;
        this.capacity = capacity;
        this.maxTtlMillis = maxTtlSeconds * 1000;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Answer<Naptr>> naptr(String name) {
        return cached("NAPTR ", name, delegate::naptr);
    }

    @Override
    public CompletableFuture<Answer<Srv>> srv(String name) {
        return cached("SRV ", name, delegate::srv);
    }

    @Override
    public CompletableFuture<Answer<InetAddress>> addresses(String name) {
        return cached("A ", name, delegate::addresses);
    }

    /** Entries held now (for tests and status). */
    public int size() {
        return entries.size();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T> CompletableFuture<Answer<T>> cached(String type, String name,
                                                   Function<String, CompletableFuture<Answer<T>>> ask) {
        String key = type + name.toLowerCase(Locale.ROOT);
        long now = clock.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.expiresAt > now) {
            return (CompletableFuture) e.answer;
        }
        if (entries.size() >= capacity) {
            evict(now);
        }
        Entry fresh = new Entry();
        Entry current = entries.compute(key, (k, old) -> old != null && old.expiresAt > now ? old : fresh);
        if (current != fresh) {
            return (CompletableFuture) current.answer;
        }
        ask.apply(name).whenComplete((a, err) -> {
            long ttl = err != null ? 0 : Math.min(maxTtlMillis, Math.max(0, a.ttlSeconds()) * 1000);
            fresh.expiresAt = clock.getAsLong() + ttl;
            if (ttl == 0) {
                entries.remove(key, fresh);
            }
            if (err != null) {
                fresh.answer.completeExceptionally(err);
            } else {
                fresh.answer.complete(a);
            }
        });
        return (CompletableFuture) fresh.answer;
    }

    private void evict(long now) {
        entries.values().removeIf(x -> x.expiresAt <= now);
        Iterator<Entry> it = entries.values().iterator();
        while (entries.size() >= capacity && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static final class Entry {
        final CompletableFuture<Answer<?>> answer = new CompletableFuture<>();
        volatile long expiresAt = Long.MAX_VALUE; // in flight
    }
}
