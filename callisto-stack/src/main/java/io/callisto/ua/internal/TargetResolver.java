package io.callisto.ua.internal;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Picks where a request goes (§8.1.2): the first Route when it is a loose router, else the Request-URI; the
 * transport from {@code transport=}, {@code sips:} (TLS) or UDP; the port from the URI or the transport's default;
 * {@code maddr} overrides the host. Numeric hosts resolve at once; names go through the JDK resolver on a small
 * bounded pool, never on an event loop. RFC 3263 NAPTR/SRV resolution replaces the name path in a later issue.
 */
public final class TargetResolver {

    private static final ExecutorService DNS = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1024), r -> {
                Thread t = new Thread(r, "callisto-dns");
                t.setDaemon(true);
                return t;
            });

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

    /** Resolves the next hop of {@code request}. */
    public CompletableFuture<Destination> resolve(SipRequest request) {
        return resolve(nextHop(request));
    }

    /** Resolves a SIP URI to a destination. */
    public CompletableFuture<Destination> resolve(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return CompletableFuture.failedFuture(new UnknownHostException("not a SIP URI: " + uri));
        }
        Transport t = transportOf(s);
        if (t == null) {
            return CompletableFuture.failedFuture(new UnknownHostException("unsupported transport in " + uri));
        }
        if ((t == Transport.WS || t == Transport.WSS) && !isNumeric(literalOf(s))) {
            // RFC 7118 §5: a browser's Contact host is made up (e.g. "df7jal23ls0d.invalid"); it is reached only
            // over the connection it opened, which the caller gives as the destination's flow
            return CompletableFuture.failedFuture(new UnknownHostException("WebSocket target " + uri
                    + " has no open connection: a WebSocket client can only be reached over the connection it"
                    + " opened (RFC 7118 §5)"));
        }
        String host = s.maddr() != null ? s.maddr() : s.host();
        int port = s.port() > 0 ? s.port() : t.defaultPort();
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (isNumeric(literal)) {
            try {
                return CompletableFuture.completedFuture(
                        new Destination(t, new InetSocketAddress(InetAddress.getByName(literal), port)));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<Destination> f = new CompletableFuture<>();
        try {
            DNS.execute(() -> {
                try {
                    f.complete(new Destination(t, new InetSocketAddress(InetAddress.getByName(literal), port)));
                } catch (UnknownHostException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            f.completeExceptionally(new UnknownHostException("resolver queue full for " + host));
        }
        return f;
    }

    /** The transport a URI asks for: {@code transport=} parameter, TLS for sips, else UDP; null if unknown. */
    public static Transport transportOf(SipUri s) {
        String p = s.transport();
        if (p != null) {
            Transport t = Transport.fromToken(p);
            if (t == null) {
                return null;
            }
            if (s.secure() && t == Transport.TCP) {
                return Transport.TLS;
            }
            return s.secure() && t == Transport.WS ? Transport.WSS : t; // RFC 7118 §5.5: sips + ws is secure
        }
        return s.secure() ? Transport.TLS : Transport.UDP;
    }

    private static String literalOf(SipUri s) {
        String host = s.maddr() != null ? s.maddr() : s.host();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static boolean isNumeric(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return !host.isEmpty();
    }
}
