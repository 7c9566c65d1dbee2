package io.callisto.transport.dns.internal;

import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntUnaryOperator;

/**
 * RFC 3263 §4.1 and §4.2 over a {@link DnsLookup}: from a target host (the URI's maddr or host), an optional
 * explicit transport and port, and whether the URI is sips, the ordered list of (transport, address, port) to try.
 * Failover along the list (§4.3) is the caller's business. Every step is asynchronous; nothing blocks.
 */
public final class TargetSearch {

    /** A list longer than this is cut: failover through more targets than this only delays the final answer. */
    static final int MAX_TARGETS = 16;

    private final DnsLookup dns;
    private final IntUnaryOperator random;
    private final Set<Transport> supported;

    /**
     * @param random returns a value in [0, bound) for RFC 2782's weighted choice
     * @param supported the transports this client can use (NAPTR and SRV records for others are discarded)
     */
    public TargetSearch(DnsLookup dns, IntUnaryOperator random, Set<Transport> supported) {
        this.dns = dns;
        this.random = random;
        this.supported = Set.copyOf(supported);
    }

    /**
     * Targets for a request URI. {@code transport} is the URI's {@code transport=} (mapped to TLS for sips) or null;
     * {@code port} is the URI's port or 0; {@code host} is not numeric (callers handle IP literals at once).
     */
    public CompletableFuture<List<Destination>> search(String host, Transport transport, int port, boolean sips) {
        if (port > 0) {
            // §4.1: a port but no transport: UDP for sip, TCP (TLS) for sips; §4.2: A/AAAA only, no SRV
            Transport t = transport != null ? transport : sips ? Transport.TLS : Transport.UDP;
            return addresses(host, t, port);
        }
        if (transport != null) {
            // §4.2: transport given, no port: SRV for that transport only, else A/AAAA at its default port
            return srvOrAddresses(host, transport);
        }
        // §4.1: NAPTR; without usable NAPTR records, SRV per supported transport; without SRV, A/AAAA
        return dns.naptr(host).thenCompose(answer -> {
            List<DnsLookup.Naptr> usable = usableNaptr(answer.records(), sips);
            if (!usable.isEmpty()) {
                List<CompletableFuture<List<Destination>>> parts = new ArrayList<>();
                for (DnsLookup.Naptr n : usable) {
                    parts.add(srvTargets(n.replacement(), transportOfService(n.service())));
                }
                return concat(parts).thenCompose(list -> list.isEmpty() ? withoutNaptr(host, sips)
                        : CompletableFuture.completedFuture(list));
            }
            return withoutNaptr(host, sips);
        });
    }

    /**
     * Where a response goes when the Via sent-by is a name (§5): with a port, A/AAAA at that port; without, SRV
     * for the Via's transport, else A/AAAA at the transport's default port.
     */
    public CompletableFuture<List<Destination>> searchSentBy(String host, Transport transport, int port) {
        return port > 0 ? addresses(host, transport, port) : srvOrAddresses(host, transport);
    }

    private CompletableFuture<List<Destination>> withoutNaptr(String host, boolean sips) {
        List<Transport> order = sips ? List.of(Transport.TLS) : List.of(Transport.UDP, Transport.TCP, Transport.TLS);
        List<CompletableFuture<List<Destination>>> parts = new ArrayList<>();
        for (Transport t : order) {
            String service = srvName(t, host);
            if (supported.contains(t) && service != null) {
                parts.add(srvTargets(service, t));
            }
        }
        Transport fallback = sips ? Transport.TLS : Transport.UDP;
        return concat(parts).thenCompose(list -> list.isEmpty()
                ? addresses(host, fallback, fallback.defaultPort()) : CompletableFuture.completedFuture(list));
    }

    private CompletableFuture<List<Destination>> srvOrAddresses(String host, Transport t) {
        String service = srvName(t, host);
        if (service == null) {
            return addresses(host, t, t.defaultPort());
        }
        return srvTargets(service, t).thenCompose(list -> list.isEmpty()
                ? addresses(host, t, t.defaultPort()) : CompletableFuture.completedFuture(list));
    }

    /** SRV records of {@code service} in RFC 2782 order, each expanded to its addresses. */
    private CompletableFuture<List<Destination>> srvTargets(String service, Transport t) {
        return dns.srv(service).thenCompose(answer -> {
            List<CompletableFuture<List<Destination>>> parts = new ArrayList<>();
            for (DnsLookup.Srv s : SrvOrder.order(answer.records(), random)) {
                parts.add(addresses(s.target(), t, s.port()));
            }
            return concat(parts);
        });
    }

    private CompletableFuture<List<Destination>> addresses(String host, Transport t, int port) {
        return dns.addresses(host).thenApply(answer -> {
            List<Destination> out = new ArrayList<>(answer.records().size());
            for (InetAddress a : answer.records()) {
                out.add(new Destination(t, new InetSocketAddress(a, port)));
            }
            return out;
        });
    }

    /** §4.1: SIP+D2X / SIPS+D2X services for supported transports (SIPS only for sips URIs), flag "s", in order. */
    List<DnsLookup.Naptr> usableNaptr(List<DnsLookup.Naptr> records, boolean sips) {
        List<DnsLookup.Naptr> out = new ArrayList<>();
        for (DnsLookup.Naptr n : records) {
            Transport t = transportOfService(n.service());
            if (t == null || !supported.contains(t) || !n.flags().equals("s") || n.replacement().isEmpty()) {
                continue;
            }
            if (sips && !t.secure()) {
                continue; // a client resolving a SIPS URI MUST discard non-SIPS services
            }
            out.add(n);
        }
        out.sort(Comparator.comparingInt(DnsLookup.Naptr::order).thenComparingInt(DnsLookup.Naptr::preference));
        return out;
    }

    /** The transport of a NAPTR service field (RFC 3263 §4.1, RFC 4168 SCTP, RFC 7118 WS); null if not ours. */
    static Transport transportOfService(String service) {
        return switch (service) {
            case "SIP+D2U" -> Transport.UDP;
            case "SIP+D2T" -> Transport.TCP;
            case "SIPS+D2T" -> Transport.TLS;
            case "SIP+D2S" -> Transport.SCTP;
            case "SIP+D2W" -> Transport.WS;
            case "SIPS+D2W" -> Transport.WSS;
            default -> null;
        };
    }

    /** The SRV name for a transport (§4.2: "_sips" for TLS), null for transports without one. */
    static String srvName(Transport t, String host) {
        return switch (t) {
            case UDP -> "_sip._udp." + host;
            case TCP -> "_sip._tcp." + host;
            case TLS -> "_sips._tcp." + host;
            case SCTP -> "_sip._sctp." + host;
            default -> null;
        };
    }

    private static CompletableFuture<List<Destination>> concat(List<CompletableFuture<List<Destination>>> parts) {
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture[0])).thenApply(v -> {
            List<Destination> all = new ArrayList<>();
            for (CompletableFuture<List<Destination>> p : parts) {
                for (Destination d : p.join()) {
                    if (all.size() < MAX_TARGETS && !all.contains(d)) {
                        all.add(d);
                    }
                }
            }
            return all;
        });
    }
}
