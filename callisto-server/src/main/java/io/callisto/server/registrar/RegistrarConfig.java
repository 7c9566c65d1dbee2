package io.callisto.server.registrar;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a {@link Registrar} needs to know (RFC 3261 §10.3). Start from {@link #defaults(String)} and change fields
 * with the {@code with...} methods.
 *
 * @param nodeId            this server node's id, written into {@code Binding.node} (the node that owns a flow)
 * @param minExpires        the shortest registration accepted, seconds: a shorter non-zero request gets 423
 *                          Interval Too Brief with this value in Min-Expires (§10.3 step 7); default 60
 * @param maxExpires        the longest registration granted, seconds; longer requests are shortened; default 3600
 * @param defaultExpires    the interval used when the REGISTER names none (no expires parameter, no Expires
 *                          header), seconds; default 3600
 * @param sweepInterval     how often expired bindings are removed from the store; default 10 s
 * @param domains           the domains whose AoRs this registrar keeps (lower case). The To of a REGISTER must be
 *                          in this set or, when the set is empty, on the Request-URI's host (§10.3 step 5: else
 *                          404). Default empty
 * @param maxBindingsPerAor how many contacts one AoR may hold; a REGISTER that would exceed it gets 403; default 32
 * @param storeTimeout      how long a REGISTER waits for the store to make its change durable before it is
 *                          answered 500 (the change may still land); default 5 s
 * @param requireOutbound   local policy of RFC 5626 §6: reject registrations that add a binding without
 *                          {@code +sip.instance} and {@code reg-id} (421 Extension Required when the UA did not
 *                          indicate support for outbound, 400 otherwise); default false
 */
public record RegistrarConfig(String nodeId, long minExpires, long maxExpires, long defaultExpires,
        Duration sweepInterval, Set<String> domains, int maxBindingsPerAor, Duration storeTimeout,
        boolean requireOutbound) {

    public RegistrarConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(sweepInterval, "sweepInterval");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        if (minExpires < 0 || maxExpires < 1 || minExpires > maxExpires) {
            throw new IllegalArgumentException("expiry bounds must satisfy 0 <= minExpires <= maxExpires, 1 <= max: "
                    + minExpires + ", " + maxExpires);
        }
        if (defaultExpires < 1 || defaultExpires < minExpires) {
            throw new IllegalArgumentException("defaultExpires must be at least 1 s and at least minExpires: "
                    + defaultExpires);
        }
        if (sweepInterval.toMillis() < 1 || storeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("sweepInterval and storeTimeout must be at least 1 ms");
        }
        if (maxBindingsPerAor < 1) {
            throw new IllegalArgumentException("maxBindingsPerAor must be at least 1: " + maxBindingsPerAor);
        }
        domains = domains == null ? Set.of()
                : domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** The defaults: 60 s minimum, 3600 s maximum and default, 10 s sweep, 32 bindings per AoR, 5 s store wait. */
    public static RegistrarConfig defaults(String nodeId) {
        return new RegistrarConfig(nodeId, 60, 3600, 3600, Duration.ofSeconds(10), Set.of(), 32,
                Duration.ofSeconds(5), false);
    }

    /** A copy with other expiry bounds and default, seconds. */
    public RegistrarConfig withExpires(long min, long max, long dflt) {
        return new RegistrarConfig(nodeId, min, max, dflt, sweepInterval, domains, maxBindingsPerAor, storeTimeout,
                requireOutbound);
    }

    /** A copy with another sweep interval. */
    public RegistrarConfig withSweepInterval(Duration interval) {
        return new RegistrarConfig(nodeId, minExpires, maxExpires, defaultExpires, interval, domains,
                maxBindingsPerAor, storeTimeout, requireOutbound);
    }

    /** A copy with another set of domains. */
    public RegistrarConfig withDomains(Set<String> newDomains) {
        return new RegistrarConfig(nodeId, minExpires, maxExpires, defaultExpires, sweepInterval, newDomains,
                maxBindingsPerAor, storeTimeout, requireOutbound);
    }

    /** A copy with another limit of bindings per AoR. */
    public RegistrarConfig withMaxBindingsPerAor(int max) {
        return new RegistrarConfig(nodeId, minExpires, maxExpires, defaultExpires, sweepInterval, domains, max,
                storeTimeout, requireOutbound);
    }

    /** A copy with another store timeout. */
    public RegistrarConfig withStoreTimeout(Duration timeout) {
        return new RegistrarConfig(nodeId, minExpires, maxExpires, defaultExpires, sweepInterval, domains,
                maxBindingsPerAor, timeout, requireOutbound);
    }

    /** A copy with the outbound-only policy on or off. */
    public RegistrarConfig withRequireOutbound(boolean require) {
        return new RegistrarConfig(nodeId, minExpires, maxExpires, defaultExpires, sweepInterval, domains,
                maxBindingsPerAor, storeTimeout, require);
    }

    /** True when the To host {@code host} of a REGISTER sent to {@code requestUriHost} is one of ours. */
    public boolean isOurAorDomain(String host, String requestUriHost) {
        String h = host.toLowerCase(Locale.ROOT);
        return domains.isEmpty() ? h.equals(requestUriHost.toLowerCase(Locale.ROOT)) : domains.contains(h);
    }
}
