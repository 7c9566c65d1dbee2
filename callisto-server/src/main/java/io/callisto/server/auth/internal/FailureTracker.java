package io.callisto.server.auth.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed authentication attempts per source (RFC 7616 §3.4: repeated failures from one client may be an attacker
 * guessing passwords, §5.7 online dictionary attacks). A source that fails {@code maxFailures} times within a
 * window of {@code windowMillis} (counted from its first failure) is blocked for {@code blockMillis}; then its
 * count starts again from zero. IPv4 sources are single addresses, IPv6 sources are prefixes (an attacker
 * controls a whole /64 at least).
 *
 * <p>Memory is bounded: at most {@code capacity} sources are tracked. Idle sources (window over, not blocked)
 * are swept as failures arrive; when the table is still full, the source tracked longest is forgotten, even if
 * it is blocked. An attacker spraying from more addresses than the capacity therefore gets at most
 * {@code maxFailures} attempts per address per eviction cycle, and the heap stays flat.
 *
 * <p>Thread-safe. The check every request makes ({@link #isBlocked}) is a map read; failures update a source's
 * immutable state with {@link ConcurrentHashMap#compute}.
 */
public final class FailureTracker {
    private static final int SWEEP_STEPS = 2;

    private final int maxFailures;
    private final long windowMillis;
    private final long blockMillis;
    private final int capacity;
    private final int ipv6PrefixLength;
    private final ConcurrentHashMap<InetAddress, State> sources = new ConcurrentHashMap<>();
    private final InsertionOrder<InetAddress> order = new InsertionOrder<>();
    private final AtomicInteger size = new AtomicInteger();

    /** One source's failures: since {@code windowStart}, and the end of its block (0 when not blocked). */
    private record State(long windowStart, int failures, long blockedUntil) {
        boolean blocked(long now) {
            return now < blockedUntil;
        }

        /** Nothing left to remember: the block is over, or the window ended without one. */
        boolean idle(long now, long windowMillis) {
            return blockedUntil != 0 ? now >= blockedUntil : now - windowStart >= windowMillis;
        }
    }

    /**
     * A block that has just started.
     *
     * @param source   the blocked address or prefix, for the log ("2001:db8::/64")
     * @param failures the failures counted in the window
     * @param until    when the block ends (the tracker's clock)
     */
    public record Block(String source, int failures, long until) {
    }

    /** A tracker with the given limits. */
    public FailureTracker(int maxFailures, long windowMillis, long blockMillis, int capacity, int ipv6PrefixLength) {
        this.maxFailures = maxFailures;
        this.windowMillis = windowMillis;
        this.blockMillis = blockMillis;
        this.capacity = capacity;
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /** The key a source address is counted under: itself (IPv4) or its IPv6 prefix. */
    public InetAddress sourceOf(InetAddress address) {
        if (!(address instanceof Inet6Address) || ipv6PrefixLength >= 128) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int bit = ipv6PrefixLength; bit < 128; bit++) {
            b[bit >> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return address; // cannot happen: 16 bytes is a valid length
        }
    }

    /** True when {@code source} (a {@link #sourceOf} key) is blocked at {@code now}. */
    public boolean isBlocked(InetAddress source, long now) {
        State s = sources.get(source);
        return s != null && s.blocked(now);
    }

    /**
     * Counts one failure of {@code source} (a {@link #sourceOf} key) at {@code now}.
     *
     * @return the block this failure started, or null when it started none
     */
    public Block recordFailure(InetAddress source, long now) {
        sweep(now);
        boolean[] outcome = new boolean[2]; // [0] source created, [1] block started
        State next = sources.compute(source, (k, s) -> {
            if (s != null && s.blocked(now)) {
                return s;
            }
            outcome[0] = s == null;
            int failures = s == null || s.idle(now, windowMillis) ? 1 : s.failures + 1;
            long windowStart = failures == 1 ? now : s.windowStart;
            outcome[1] = failures >= maxFailures;
            return new State(windowStart, failures, outcome[1] ? now + blockMillis : 0);
        });
        if (outcome[0]) {
            order.add(source);
            if (size.incrementAndGet() > capacity) {
                evictOverCapacity();
            }
        }
        return outcome[1] ? new Block(describe(source), next.failures, next.blockedUntil) : null;
    }

    /** The number of sources tracked now. */
    public int size() {
        return Math.max(0, size.get());
    }

    private String describe(InetAddress source) {
        String text = source.getHostAddress();
        return source instanceof Inet6Address && ipv6PrefixLength < 128 ? text + "/" + ipv6PrefixLength : text;
    }

    /** Forgets up to {@link #SWEEP_STEPS} idle sources at the head of the queue. */
    private void sweep(long now) {
        order.sweep(SWEEP_STEPS, key -> {
            State s = sources.get(key);
            return s == null || s.idle(now, windowMillis);
        }, key -> {
            boolean[] removed = new boolean[1];
            State kept = sources.computeIfPresent(key, (k, v) -> {
                removed[0] = v.idle(now, windowMillis);
                return removed[0] ? null : v;
            });
            if (removed[0]) {
                size.decrementAndGet();
            } else if (kept != null) {
                order.add(key); // became active again in between: stays tracked
            }
        });
    }

    private void evictOverCapacity() {
        order.evict(() -> size.get() > capacity, key -> {
            if (sources.remove(key) != null) {
                size.decrementAndGet();
            }
        });
    }
}
