package io.callisto.transport.dns;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the {@link ServerLocator} asks DNS.
 *
 * @param servers name servers to ask, in order; empty means the system's (resolv.conf)
 * @param queryTimeoutMillis how long one query waits for an answer
 * @param cacheSize the most answers kept (each name and record type is one)
 * @param maxTtlSeconds answers are kept for their TTL, at most this long
 * @param negativeTtlSeconds how long "no such record" (or no answer) is remembered
 */
public record DnsSettings(List<InetSocketAddress> servers, long queryTimeoutMillis, int cacheSize,
                          long maxTtlSeconds, long negativeTtlSeconds) {

    /** The system's name servers, 2 s per query, 10,000 answers, TTL capped at one hour, failures kept 30 s. */
    public static final DnsSettings DEFAULT = new DnsSettings(List.of(), 2000, 10_000, 3600, 30);

    public DnsSettings {
        servers = List.copyOf(servers);
        if (queryTimeoutMillis <= 0 || cacheSize < 1 || maxTtlSeconds < 0 || negativeTtlSeconds < 0) {
            throw new IllegalArgumentException("DNS settings: timeout and cache size must be positive, TTLs >= 0");
        }
    }

    /** These settings with other name servers (empty for the system's). */
    public DnsSettings withServers(List<InetSocketAddress> servers) {
        return new DnsSettings(servers, queryTimeoutMillis, cacheSize, maxTtlSeconds, negativeTtlSeconds);
    }
}
