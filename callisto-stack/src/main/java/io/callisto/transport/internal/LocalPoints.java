package io.callisto.transport.internal;

import io.callisto.sip.header.Via;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bound listening points of a transport layer and the questions asked about them: which one sends to a
 * given address (§18.1.1: same transport, same address family), and whether a Via sent-by is one we insert
 * (§18.1.2). Immutable once built.
 */
public final class LocalPoints {

    private final List<ListeningPoint> points;
    /** "host:port" of every listening point, host normalized (see {@link IpLiterals#normalize}). */
    private final Set<String> sentBys = new HashSet<>();

    /** The points as bound (actual ports). */
    public LocalPoints(List<ListeningPoint> points) {
        this.points = List.copyOf(points);
        for (ListeningPoint lp : points) {
            sentBys.add(IpLiterals.normalize(lp.host()) + ":" + lp.port());
        }
    }

    /** All points, in configuration order. */
    public List<ListeningPoint> all() {
        return points;
    }

    /** True when some point has this transport. */
    public boolean has(Transport t) {
        for (ListeningPoint lp : points) {
            if (lp.transport() == t) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first point of transport {@code t} in the address family of {@code target} (any family when the target
     * is unresolved), or null.
     */
    public ListeningPoint pick(Transport t, InetSocketAddress target) {
        for (ListeningPoint lp : points) {
            if (lp.transport() == t && sameFamily(lp.address(), target)) {
                return lp;
            }
        }
        return null;
    }

    /** The point of transport {@code t} bound exactly at {@code local}, or null. */
    public ListeningPoint at(Transport t, InetSocketAddress local) {
        if (local == null) {
            return null;
        }
        for (ListeningPoint lp : points) {
            if (lp.transport() == t && lp.address().equals(local)) {
                return lp;
            }
        }
        return null;
    }

    /**
     * §18.1.2: true when the Via's sent-by is a value we insert into requests: the host (as advertised, or the
     * bound address) and port of one of our points. An absent port means the Via transport's default port.
     */
    public boolean isOurSentBy(Via via) {
        int port = via.port();
        if (port < 0) {
            Transport t = Transport.fromToken(via.transport());
            port = t != null ? t.defaultPort() : 5060;
        }
        return sentBys.contains(IpLiterals.normalize(via.host()) + ":" + port);
    }

    /** Same IP family (an unresolved target matches any). */
    public static boolean sameFamily(InetSocketAddress a, InetSocketAddress b) {
        if (a == null || b == null || a.isUnresolved() || b.isUnresolved()) {
            return true;
        }
        return isV6(a.getAddress()) == isV6(b.getAddress());
    }

    private static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
