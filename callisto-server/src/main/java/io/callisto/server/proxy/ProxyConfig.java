package io.callisto.server.proxy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the stateful proxy (RFC 3261 §16) is configured with. Immutable; {@link #defaults()} and {@link #builder()}
 * give the documented defaults (docs/server-proxy.md).
 *
 * @param domains               the domains this proxy is responsible for (§16.5), lower case: request-URIs in them
 *                              are looked up in the location service; the registrar serves the same set
 * @param aliases               further host names or addresses that mean this proxy (besides the listening points'
 *                              addresses and advertised hosts), e.g. a load balancer's name; lower case
 * @param recordRoute           insert Record-Route into dialog-forming requests (§16.6 step 4); default true
 * @param staticRoutes          configured next hops, first match wins (§16.6 step 6); default none
 * @param forking               parallel or sequential (by q-value groups) forking; default parallel
 * @param sequentialTimeoutMillis in sequential mode, how long one q-value group may ring before the next group
 *                              is tried (its branches are cancelled); default 20 s
 * @param timerCMillis          Timer C of an INVITE branch (§16.6 step 11: more than 3 minutes); default 185 s
 * @param cancelTimeoutMillis   how long a cancelled branch may go without a final response before it is given up
 *                              (§9.1: 64*T1); default 32 s
 * @param maxBranches           at most this many targets are tried for one request; default 10
 * @param maxForwards           the highest Max-Forwards value forwarded (a larger received value is lowered to it;
 *                              also the value added when a request has none, §16.6 step 3); default 70
 * @param proxyRequireSupported option tags this proxy understands in Proxy-Require (§16.3 step 5); default none
 */
public record ProxyConfig(Set<String> domains, Set<String> aliases, boolean recordRoute,
        List<StaticRoute> staticRoutes, ForkingMode forking, long sequentialTimeoutMillis, long timerCMillis,
        long cancelTimeoutMillis, int maxBranches, int maxForwards, Set<String> proxyRequireSupported) {

    /** §16.6 step 11: "The timer MUST be larger than 3 minutes." */
    public static final long TIMER_C_MINIMUM_MILLIS = 180_000;

    /** Normalizes the sets (lower case, immutable) and checks the values; see the component descriptions. */
    public ProxyConfig {
        domains = lowerCase(domains);
        aliases = lowerCase(aliases);
        staticRoutes = staticRoutes == null ? List.of() : List.copyOf(staticRoutes);
        forking = Objects.requireNonNull(forking, "forking");
        proxyRequireSupported = proxyRequireSupported == null ? Set.of() : Set.copyOf(proxyRequireSupported);
        if (timerCMillis <= TIMER_C_MINIMUM_MILLIS) {
            throw new IllegalArgumentException("timer C must be more than 3 minutes (RFC 3261 §16.6 step 11): "
                    + timerCMillis + " ms");
        }
        if (sequentialTimeoutMillis <= 0 || cancelTimeoutMillis <= 0) {
            throw new IllegalArgumentException("sequential and cancel timeouts must be positive");
        }
        if (maxBranches < 1) {
            throw new IllegalArgumentException("maxBranches must be at least 1: " + maxBranches);
        }
        if (maxForwards < 1 || maxForwards > 255) {
            throw new IllegalArgumentException("maxForwards must be 1-255: " + maxForwards);
        }
    }

    /** The defaults, responsible for no domain. */
    public static ProxyConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when {@code host} is one of {@link #domains()} (case-insensitive). */
    public boolean isDomain(String host) {
        return host != null && domains.contains(host.toLowerCase(Locale.ROOT));
    }

    /** A builder with a copy of this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.domains.addAll(domains);
        b.aliases.addAll(aliases);
        b.recordRoute = recordRoute;
        b.staticRoutes.addAll(staticRoutes);
        b.forking = forking;
        b.sequentialTimeoutMillis = sequentialTimeoutMillis;
        b.timerCMillis = timerCMillis;
        b.cancelTimeoutMillis = cancelTimeoutMillis;
        b.maxBranches = maxBranches;
        b.maxForwards = maxForwards;
        b.proxyRequireSupported.addAll(proxyRequireSupported);
        return b;
    }

    private static Set<String> lowerCase(Set<String> in) {
        if (in == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : in) {
            if (s != null && !s.isBlank()) {
                out.add(s.trim().toLowerCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }

    /** Builds a {@link ProxyConfig}; every setter returns the builder. Not thread-safe. */
    public static final class Builder {
        private final Set<String> domains = new LinkedHashSet<>();
        private final Set<String> aliases = new LinkedHashSet<>();
        private boolean recordRoute = true;
        private final List<StaticRoute> staticRoutes = new ArrayList<>();
        private ForkingMode forking = ForkingMode.PARALLEL;
        private long sequentialTimeoutMillis = 20_000;
        private long timerCMillis = 185_000;
        private long cancelTimeoutMillis = 32_000;
        private int maxBranches = 10;
        private int maxForwards = 70;
        private final Set<String> proxyRequireSupported = new LinkedHashSet<>();

        private Builder() {
        }

        /** Adds a domain this proxy is responsible for. */
        public Builder domain(String domain) {
            domains.add(domain);
            return this;
        }

        /** Adds a host name or address that means this proxy. */
        public Builder alias(String host) {
            aliases.add(host);
            return this;
        }

        /** Whether to record-route (default true). */
        public Builder recordRoute(boolean on) {
            recordRoute = on;
            return this;
        }

        /** Appends a static route (first match wins). */
        public Builder staticRoute(StaticRoute route) {
            staticRoutes.add(Objects.requireNonNull(route));
            return this;
        }

        /** Parallel (default) or sequential forking. */
        public Builder forking(ForkingMode mode) {
            forking = mode;
            return this;
        }

        /** Time one q-value group may take in sequential forking (default 20 s). */
        public Builder sequentialTimeoutMillis(long millis) {
            sequentialTimeoutMillis = millis;
            return this;
        }

        /** Timer C (default 185 s; must be more than 180 s). */
        public Builder timerCMillis(long millis) {
            timerCMillis = millis;
            return this;
        }

        /** How long a cancelled branch may wait for its final response (default 32 s). */
        public Builder cancelTimeoutMillis(long millis) {
            cancelTimeoutMillis = millis;
            return this;
        }

        /** The most targets tried for one request (default 10). */
        public Builder maxBranches(int n) {
            maxBranches = n;
            return this;
        }

        /** The highest Max-Forwards forwarded (default 70). */
        public Builder maxForwards(int n) {
            maxForwards = n;
            return this;
        }

        /** Adds an option tag accepted in Proxy-Require. */
        public Builder proxyRequireSupported(String optionTag) {
            proxyRequireSupported.add(optionTag);
            return this;
        }

        /** The configuration; throws IllegalArgumentException for a value out of range. */
        public ProxyConfig build() {
            return new ProxyConfig(domains, aliases, recordRoute, staticRoutes, forking, sequentialTimeoutMillis,
                    timerCMillis, cancelTimeoutMillis, maxBranches, maxForwards, proxyRequireSupported);
        }
    }
}
