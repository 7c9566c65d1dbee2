package io.callisto.transport.dns.internal;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The DNS questions RFC 3263 asks: NAPTR, SRV, and A/AAAA. An answer with no records means the name has none of
 * that type (NXDOMAIN, NODATA, or the server could not tell): RFC 3263 then moves on to the next step, so a failure
 * is not an error here. Implementations never block the caller.
 */
public interface DnsLookup {

    CompletableFuture<Answer<Naptr>> naptr(String name);

    CompletableFuture<Answer<Srv>> srv(String name);

    /** A then AAAA records of {@code name}, IPv4 first. */
    CompletableFuture<Answer<InetAddress>> addresses(String name);

    /** Records of one type and the time they may be cached (the smallest TTL among them, or a negative TTL). */
    record Answer<T>(List<T> records, long ttlSeconds) {
        public Answer {
            records = List.copyOf(records);
        }

        public static <T> Answer<T> empty(long ttlSeconds) {
            return new Answer<>(List.of(), ttlSeconds);
        }

        public boolean isEmpty() {
            return records.isEmpty();
        }
    }

    /** A NAPTR record (RFC 3403 §4.1). Names are lower case without the trailing dot. */
    record Naptr(int order, int preference, String flags, String service, String regexp, String replacement) {
    }

    /** An SRV record (RFC 2782). A target of "." (empty here) means the service is not offered. */
    record Srv(int priority, int weight, int port, String target) {
    }
}
