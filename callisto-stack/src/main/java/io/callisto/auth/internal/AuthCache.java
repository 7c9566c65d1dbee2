package io.callisto.auth.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The challenges a client has answered, grouped by the scope they may be reused in (see {@link Scope}) and then
 * by realm. Bounded: at most {@code maxScopes} scopes and {@link ChallengeSelector#MAX_REALMS} realms per scope;
 * when full, the scopes used least recently are dropped, so a stream of new Call-IDs or hostile realms cannot
 * grow it without end. Thread-safe without a global lock ({@link ConcurrentHashMap} throughout).
 */
public final class AuthCache {

    /**
     * Where cached credentials may be sent again: for WWW-Authenticate, the host of the To URI (RFC 3261 §22.2
     * caches by To and realm; the host is the protection space of RFC 7616 §3.3 domain when no domain is given);
     * for Proxy-Authenticate, the Call-ID (RFC 3261 §22.3: not across dialogs), or "" for a realm configured as
     * the outbound proxy's, which may be reused across dialogs.
     *
     * @param proxy true for Proxy-Authenticate / Proxy-Authorization
     * @param where the To host, the Call-ID, or ""
     */
    public record Scope(boolean proxy, String where) {}

    private static final class Realms {
        final Map<String, NonceState> byRealm = new ConcurrentHashMap<>(4);
        volatile long lastUse;
    }

    private final Map<Scope, Realms> scopes = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final int maxScopes;

    /** A cache of at most {@code maxScopes} scopes (at least 1). */
    public AuthCache(int maxScopes) {
        if (maxScopes < 1) {
            throw new IllegalArgumentException("maxScopes must be positive");
        }
        this.maxScopes = maxScopes;
    }

    /**
     * Sets the state of {@code realm} in {@code scope} to {@code update(realm, current)} (current may be null) and
     * returns it; {@code update} runs atomically for that realm and must be quick.
     */
    public NonceState update(Scope scope, String realm, BiFunction<String, NonceState, NonceState> update) {
        Realms r = scopes.computeIfAbsent(scope, s -> new Realms());
        r.lastUse = clock.incrementAndGet();
        if (r.byRealm.size() >= ChallengeSelector.MAX_REALMS && !r.byRealm.containsKey(realm)) {
            for (String other : r.byRealm.keySet()) {
                r.byRealm.remove(other);
                break;
            }
        }
        NonceState s = r.byRealm.compute(realm, update);
        if (scopes.size() > maxScopes) {
            evict();
        }
        return s;
    }

    /** The states cached in {@code scope}, marking the scope as used (empty when none). */
    public Collection<NonceState> states(Scope scope) {
        Realms r = scopes.get(scope);
        if (r == null) {
            return List.of();
        }
        r.lastUse = clock.incrementAndGet();
        return new ArrayList<>(r.byRealm.values());
    }

    /** Forgets {@code state} if it is still the one cached for its realm in {@code scope}. */
    public void remove(Scope scope, NonceState state) {
        Realms r = scopes.get(scope);
        if (r != null) {
            r.byRealm.remove(state.realm(), state);
        }
    }

    /** Forgets everything. */
    public void clear() {
        scopes.clear();
    }

    /** The number of scopes held (for tests and metrics). */
    public int scopeCount() {
        return scopes.size();
    }

    /** Drops the least recently used quarter (at least the excess) of the scopes. */
    private void evict() {
        // Snapshot the use times first: they change under concurrent use, and a sort needs stable keys.
        List<Map.Entry<Scope, Realms>> entries = new ArrayList<>(scopes.entrySet());
        if (entries.size() <= maxScopes) {
            return;
        }
        long[] uses = new long[entries.size()];
        for (int i = 0; i < uses.length; i++) {
            uses[i] = entries.get(i).getValue().lastUse;
        }
        long[] sorted = uses.clone();
        java.util.Arrays.sort(sorted);
        int drop = Math.max(entries.size() - maxScopes, entries.size() / 4);
        long cutoff = sorted[drop - 1];
        for (int i = 0; i < uses.length; i++) {
            if (uses[i] <= cutoff) {
                scopes.remove(entries.get(i).getKey(), entries.get(i).getValue());
            }
        }
    }
}
