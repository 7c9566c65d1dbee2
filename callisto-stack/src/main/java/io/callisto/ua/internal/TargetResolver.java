package io.callisto.ua.internal;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import io.callisto.transport.dns.ServerLocator;
import io.callisto.transport.internal.IpLiterals;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Picks where a request goes (§8.1.2): the first Route when it is a loose router, else the Request-URI; and turns
 * that URI into the ordered targets of RFC 3263 §4 through the stack's {@link ServerLocator} (IP literals at once,
 * names by NAPTR, SRV and A/AAAA, asynchronously: never on an event loop's time).
 */
public final class TargetResolver {

    private final Supplier<ServerLocator> locator;

    /** @param locator the locator, asked for on first use of a URI (e.g. {@code stack::locator}) */
    public TargetResolver(Supplier<ServerLocator> locator) {
        this.locator = locator;
    }

    /** The URI the request is sent toward. */
    public static Uri nextHop(SipRequest request) {
        List<NameAddress> routes = request.routes();
        if (!routes.isEmpty()) {
            Uri first = routes.get(0).uri();
            if (first instanceof SipUri s && s.lr()) {
                return first;
            }
        }
        return request.requestUri();
    }

    /** The ordered targets for the next hop of {@code request}; an empty list when DNS found none. */
    public CompletableFuture<List<Destination>> resolveAll(SipRequest request) {
        return resolveAll(nextHop(request));
    }

    /** The ordered targets for a SIP URI (RFC 3263 §4). */
    public CompletableFuture<List<Destination>> resolveAll(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return CompletableFuture.failedFuture(new UnknownHostException("not a SIP URI: " + uri));
        }
        Transport t = transportOf(s);
        if ((t == Transport.WS || t == Transport.WSS) && IpLiterals.parse(literalOf(s)) == null) {
            // RFC 7118 §5: a browser's Contact host is made up (e.g. "df7jal23ls0d.invalid"); it is reached only
            // over the connection it opened, which the caller gives as the destination's flow
            return CompletableFuture.failedFuture(new UnknownHostException("WebSocket target " + uri
                    + " has no open connection: a WebSocket client can only be reached over the connection it"
                    + " opened (RFC 7118 §5)"));
        }
        return locator.get().locate(s);
    }

    private static String literalOf(SipUri s) {
        String host = s.maddr() != null ? s.maddr() : s.host();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The first target for the next hop of {@code request} (an ACK for a 2xx, which has no failover). */
    public CompletableFuture<Destination> resolve(SipRequest request) {
        return resolve(nextHop(request));
    }

    /** The first target for a SIP URI; fails when there is none. */
    public CompletableFuture<Destination> resolve(Uri uri) {
        return resolveAll(uri).thenCompose(list -> list.isEmpty()
                ? CompletableFuture.failedFuture(new UnknownHostException("no address for " + uri))
                : CompletableFuture.completedFuture(list.get(0)));
    }

    /** The locator in use. */
    public ServerLocator locator() {
        return locator.get();
    }

    /** The transport a URI asks for: {@code transport=} parameter, TLS for sips, else UDP; null if unknown. */
    public static Transport transportOf(SipUri s) {
        String p = s.transport();
        if (p != null) {
            Transport t = Transport.fromToken(p);
            return t == null ? null : t.securedFor(s.secure());
        }
        return s.secure() ? Transport.TLS : Transport.UDP;
    }
}
