package io.callisto.server.proxy.internal;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.ua.internal.TargetResolver;
import java.util.concurrent.CompletableFuture;

/**
 * Where a forwarded request goes (RFC 3261 §16.6 step 7 with RFC 3263 §4): the URI to resolve is the first Route
 * value (a loose router; strict routers were dealt with in step 6) or else the request-URI, and it is resolved by
 * the stack's {@link TargetResolver}: transport from {@code transport=} or {@code sips:}, port from the URI or the
 * transport's default, {@code maddr} first, IP literals at once and names through A/AAAA on the resolver's bounded
 * pool (never on the caller's thread). NAPTR and SRV (RFC 3263 §4.1, §4.2) come with the DNS issue.
 */
public final class NextHop {

    private final TargetResolver resolver = new TargetResolver();

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
}
