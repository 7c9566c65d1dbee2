package io.callisto.server.proxy.internal;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.NettyTransportLayer;
import io.callisto.transport.TransportLayer;
import io.callisto.transport.dns.ServerLocator;
import io.callisto.ua.internal.TargetResolver;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a forwarded request goes (RFC 3261 §16.6 step 7 with RFC 3263 §4): the URI to resolve is the first Route
 * value (a loose router; strict routers were dealt with in step 6) or else the request-URI, and it is resolved by
 * the stack's {@link TargetResolver} on the transport's RFC 3263 locator: IP literals at once, names through NAPTR,
 * SRV and A/AAAA (never on the caller's thread). A {@code ClientBranch} tries the list in order (RFC 3263 §4.3).
 */
public final class NextHop {

    private final TargetResolver resolver;

    /** Next hops located through {@code transport}'s locator, or the process-wide one for other transports. */
    public NextHop(TransportLayer transport) {
        this.resolver = new TargetResolver(() -> transport instanceof NettyTransportLayer n
                ? n.locator() : ServerLocator.shared());
    }

    /** The URI whose address a request is sent to (§16.6 step 7). */
    public static Uri uriOf(SipRequest request) {
        return TargetResolver.nextHop(request);
    }

    /**
     * Resolves {@code uri}; the future is complete on return for IP literals, and otherwise completes on a resolver
     * thread (the caller hops back to its owner).
     */
    public CompletableFuture<Destination> resolve(Uri uri) {
        return resolver.resolve(uri);
    }

    /**
     * The ordered targets for {@code uri} (RFC 3263 §4), empty when DNS found none; completes like {@link #resolve}.
     */
    public CompletableFuture<List<Destination>> resolveAll(Uri uri) {
        return resolver.resolveAll(uri);
    }

    /** The locator behind {@link #resolveAll} (to mark a target that answered 503 with Retry-After). */
    public ServerLocator locator() {
        return resolver.locator();
    }
}
