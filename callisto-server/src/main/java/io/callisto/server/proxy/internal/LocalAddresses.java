package io.callisto.server.proxy.internal;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.sip.header.Via;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportLayer;
import io.callisto.transport.internal.IpLiterals;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What "this proxy" means in URIs and Via headers: the listening points' addresses and advertised hosts with their
 * ports (every local interface address for a point bound to the wildcard address), the configured aliases, and the
 * domains the proxy is responsible for. Used for the Route and strict-router checks of RFC 3261 §16.4, the
 * request-URI check of §16.5, and the Via check of the loop detection (§16.3 step 4).
 *
 * <p>The listening points are read from the transport when first needed (ephemeral ports are known only once it
 * started) and again whenever the transport reports a different list. Thread-safe: the snapshot is immutable.
 */
public final class LocalAddresses {

    private final TransportLayer transport;
    /** The configured domains and aliases, normalized like the hosts they are compared with. */
    private final Set<String> names;
    private volatile Snapshot snapshot;

    /** Addresses of the points of {@code transport}, plus the aliases and domains of {@code config}. */
    public LocalAddresses(TransportLayer transport, ProxyConfig config) {
        this.transport = transport;
        Set<String> n = new HashSet<>();
        for (String h : config.domains()) {
            n.add(normalize(h));
        }
        for (String h : config.aliases()) {
            n.add(normalize(h));
        }
        this.names = Set.copyOf(n);
    }

    private record Snapshot(List<ListeningPoint> points, Set<String> hostPorts, Set<Integer> ports) {
    }

    private Snapshot snapshot() {
        List<ListeningPoint> points = transport.listeningPoints();
        Snapshot s = snapshot;
        if (s == null || (s.points != points && !s.points.equals(points))) {
            s = build(points);
            snapshot = s;
        }
        return s;
    }

    private static Snapshot build(List<ListeningPoint> points) {
        Set<String> hostPorts = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (ListeningPoint lp : points) {
            ports.add(lp.port());
            hostPorts.add(normalize(lp.host()) + ":" + lp.port());
            InetAddress bound = lp.address().getAddress();
            hostPorts.add(normalize(IpLiterals.text(bound)) + ":" + lp.port());
            if (bound.isAnyLocalAddress()) {
                for (InetAddress a : interfaceAddresses()) {
                    hostPorts.add(normalize(IpLiterals.text(a)) + ":" + lp.port());
                }
            }
        }
        return new Snapshot(List.copyOf(points), Set.copyOf(hostPorts), Set.copyOf(ports));
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            List<InetAddress> out = new java.util.ArrayList<>();
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(ni.getInetAddresses()));
            }
            return out;
        } catch (SocketException | RuntimeException e) {
            return List.of();
        }
    }

    /** A host in a form for equality tests: IPv6 literals in one canonical text, everything else lower case. */
    static String normalize(String host) {
        if (host.indexOf(':') >= 0) {
            return IpLiterals.normalize(host);
        }
        return host.toLowerCase(Locale.ROOT);
    }

    /** The listening points, as the transport reports them. */
    public List<ListeningPoint> points() {
        return snapshot().points;
    }

    /**
     * True when {@code uri} indicates this proxy (§16.4): its host and port (the scheme's default when absent) are
     * those of a listening point, or its host is one of our domains or aliases with no port or one of our ports.
     */
    public boolean isOurs(SipUri uri) {
        Snapshot s = snapshot();
        String host = normalize(uri.host());
        int port = uri.port() > 0 ? uri.port() : defaultPort(uri);
        if (s.hostPorts.contains(host + ":" + port)) {
            return true;
        }
        if (names.contains(host)) {
            return uri.port() < 0 || s.ports.contains(uri.port());
        }
        return false;
    }

    /** True when {@code host} names this proxy as a domain or alias (no port considered). */
    public boolean isDomainOrAlias(String host) {
        return names.contains(normalize(host));
    }

    /** True when the Via's sent-by is one we write into requests (§16.3 step 4, §16.11). */
    public boolean isOurSentBy(Via via) {
        int port = via.port();
        if (port < 0) {
            Transport t = Transport.fromToken(via.transport());
            port = t != null ? t.defaultPort() : 5060;
        }
        return snapshot().hostPorts.contains(normalize(via.host()) + ":" + port);
    }

    /** The listening point a request arrived on, or null (e.g. a point bound to the wildcard address). */
    public ListeningPoint pointOf(Flow flow) {
        if (flow == null) {
            return null;
        }
        ListeningPoint byPort = null;
        for (ListeningPoint lp : snapshot().points) {
            if (lp.transport() != flow.transport()) {
                continue;
            }
            if (lp.address().equals(flow.local())) {
                return lp;
            }
            if (byPort == null && flow.local() != null && lp.port() == flow.local().getPort()) {
                byPort = lp;
            }
        }
        return byPort;
    }

    /** The first listening point of {@code transport}, else the first point of any transport, else null. */
    public ListeningPoint pointFor(Transport t) {
        List<ListeningPoint> points = snapshot().points;
        for (ListeningPoint lp : points) {
            if (lp.transport() == t) {
                return lp;
            }
        }
        return points.isEmpty() ? null : points.get(0);
    }

    private static int defaultPort(SipUri uri) {
        String t = uri.transport();
        return uri.secure() || "tls".equalsIgnoreCase(t) || "wss".equalsIgnoreCase(t) ? 5061 : 5060;
    }
}
