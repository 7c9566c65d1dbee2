package io.callisto.transport.dns;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.RetryAfter;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import io.callisto.transport.dns.internal.CachingDnsLookup;
import io.callisto.transport.dns.internal.DnsLookup;
import io.callisto.transport.dns.internal.NettyDnsLookup;
import io.callisto.transport.dns.internal.TargetSearch;
import io.callisto.transport.internal.IoKind;
import io.callisto.transport.internal.IpLiterals;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Locating SIP servers (RFC 3263): turns a SIP URI into the ordered list of (transport, address, port) to try,
 * through NAPTR, SRV and A/AAAA records (§4), and a Via sent-by into where a response goes (§5). Answers are
 * cached for their TTL in a bounded cache, failures briefly. Targets that answered 503 with Retry-After are left
 * out of the lists until it runs out (RFC 3261 §21.5.4, RFC 3263 §4.3).
 *
 * <p>Asynchronous and thread-safe: futures complete on the resolver's event loop (or at once for IP literals and
 * cached answers); continue with the owner's executor before touching owned state.
 */
public final class ServerLocator implements AutoCloseable {

    private static final int MAX_UNAVAILABLE = 4096;

    private final TargetSearch search;
    private final LongSupplier clock;
    private final Runnable onClose;
    private final Map<Destination, Long> unavailableUntil = new ConcurrentHashMap<>();

    private ServerLocator(DnsLookup lookup, IntUnaryOperator random, LongSupplier clock, Runnable onClose) {
        this.search = new TargetSearch(lookup, random, 
                io.callisto.transport.internal.SctpSupport.available()
                        ? Set.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.SCTP)
                        : Set.of(Transport.UDP, Transport.TCP, Transport.TLS));
        this.clock = clock;
        this.onClose = onClose;
    }

    /** A locator asking DNS from one loop of {@code group} (which it does not own) with {@code settings}. */
    public static ServerLocator create(DnsSettings settings, EventLoopGroup group) {
        IoKind io = IoKind.of(group);
        NettyDnsLookup netty = new NettyDnsLookup(group.next(), io.datagram(), io.socket(), settings.servers(),
                settings.queryTimeoutMillis(), settings.negativeTtlSeconds());
        DnsLookup cached = new CachingDnsLookup(netty, settings.cacheSize(), settings.maxTtlSeconds(),
                System::currentTimeMillis);
        return new ServerLocator(cached, b -> ThreadLocalRandom.current().nextInt(b), System::currentTimeMillis,
                netty::close);
    }

    /**
     * A process-wide locator with the default settings on its own one-thread daemon event loop, created on first
     * use and never closed: for stacks and elements whose transport is not a {@code NettyTransportLayer}.
     */
    public static ServerLocator shared() {
        return Shared.INSTANCE;
    }

    private static final class Shared {
        static final ServerLocator INSTANCE = create(DnsSettings.DEFAULT, IoKind.NIO.newGroup(1));
    }

    /**
     * A locator over any lookup (tests: a fixed zone, a fixed random choice, a virtual clock in milliseconds). The
     * lookup is used as given: wrap it in a cache if wanted.
     */
    public static ServerLocator over(DnsLookup lookup, IntUnaryOperator random, LongSupplier clockMillis) {
        return new ServerLocator(lookup, random, clockMillis, () -> { });
    }

    /**
     * The targets for a request sent to {@code uri} (RFC 3263 §4): TARGET is the maddr or the host; an IP literal
     * or an explicit port skips NAPTR and SRV; {@code transport=} limits SRV to that transport; sips uses TLS only.
     * Completes with an empty list when nothing is found, exceptionally only for a transport this stack does not
     * know.
     */
    public CompletableFuture<List<Destination>> locate(SipUri uri) {
        Transport t = null;
        if (uri.transport() != null) {
            t = Transport.fromToken(uri.transport());
            if (t == null) {
                return CompletableFuture.failedFuture(
                        new UnknownHostException("unsupported transport " + uri.transport() + " in " + uri));
            }
            t = t.securedFor(uri.secure());
        }
        String host = unbracket(uri.maddr() != null ? uri.maddr() : uri.host());
        InetAddress literal = IpLiterals.parse(host);
        if (literal != null) {
            // §4.1/§4.2: numeric TARGET: UDP for sip, TLS for sips unless given; the port given or the default
            Transport tt = t != null ? t : uri.secure() ? Transport.TLS : Transport.UDP;
            int port = uri.port() > 0 ? uri.port() : tt.defaultPort();
            return one(new Destination(tt, new InetSocketAddress(literal, port)));
        }
        return search.search(host, t, Math.max(0, uri.port()), uri.secure()).thenApply(this::withoutUnavailable);
    }

    /** Where a response goes for a Via sent-by {@code host[:port]} over {@code transport} (§5); port 0 if none. */
    public CompletableFuture<List<Destination>> locateSentBy(Transport transport, String host, int port) {
        String h = unbracket(host);
        InetAddress literal = IpLiterals.parse(h);
        if (literal != null) {
            int p = port > 0 ? port : transport.defaultPort();
            return one(new Destination(transport, new InetSocketAddress(literal, p)));
        }
        return search.searchSentBy(h, transport, Math.max(0, port));
    }

    /** Leaves {@code target} out of located lists for {@code seconds} (it answered 503 with Retry-After). */
    public void markUnavailable(Destination target, long seconds) {
        if (seconds <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (unavailableUntil.size() >= MAX_UNAVAILABLE) {
            unavailableUntil.values().removeIf(until -> until <= now);
            if (unavailableUntil.size() >= MAX_UNAVAILABLE) {
                return; // bounded: a flood of 503s cannot grow this table
            }
        }
        unavailableUntil.put(key(target), now + seconds * 1000);
    }

    /**
     * Marks {@code target} unavailable for the Retry-After of {@code response} (a 503 it sent), if it has a
     * readable one (RFC 3261 §21.5.4, RFC 3263 §4.3).
     */
    public void noteRetryAfter(Destination target, SipResponse response) {
        try {
            RetryAfter ra = response.first(Headers.RETRY_AFTER);
            if (ra != null) {
                markUnavailable(target, ra.seconds());
            }
        } catch (ParseError malformed) {
            // no usable Retry-After: nothing to remember
        }
    }

    /** True while {@code target} is marked unavailable. */
    public boolean isUnavailable(Destination target) {
        Long until = unavailableUntil.get(key(target));
        if (until == null) {
            return false;
        }
        if (until <= clock.getAsLong()) {
            unavailableUntil.remove(key(target), until);
            return false;
        }
        return true;
    }

    private List<Destination> withoutUnavailable(List<Destination> targets) {
        if (unavailableUntil.isEmpty()) {
            return targets;
        }
        List<Destination> out = new ArrayList<>(targets.size());
        for (Destination d : targets) {
            if (!isUnavailable(d)) {
                out.add(d);
            }
        }
        return out;
    }

    private static CompletableFuture<List<Destination>> one(Destination d) {
        return CompletableFuture.completedFuture(List.of(d));
    }

    private static Destination key(Destination d) {
        return d.flow() == null ? d : new Destination(d.transport(), d.address());
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Closes the resolver's socket (the event loop group stays, it is not ours). */
    @Override
    public void close() {
        onClose.run();
    }
}
