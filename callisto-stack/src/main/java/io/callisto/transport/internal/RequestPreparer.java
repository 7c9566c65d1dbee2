package io.callisto.transport.internal;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Parameters;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongPredicate;

/**
 * Client-side request preparation (RFC 3261 §18.1.1): the switch from UDP to TCP for a request larger than 1300
 * bytes (the path MTU being unknown) when a TCP listening point exists, and the top Via's transport and sent-by
 * written from the listening point that will send it. The Via's parameters (branch included) are kept, and a UDP
 * request gets a valueless {@code rport} so that the server answers to our source port (RFC 3581 §3).
 */
public final class RequestPreparer {

    /** §18.1.1: larger than this over UDP with an unknown path MTU means a congestion-controlled transport. */
    public static final int UDP_LIMIT = 1300;

    private RequestPreparer() {
    }

    /**
     * Prepares {@code request} for {@code d}; {@code open} tells whether a connection id is still open.
     * Returns the destination to use.
     */
    public static Destination prepare(SipRequest request, Destination d, LocalPoints points, LongPredicate open) {
        Flow f = d.flow();
        if (f != null && f.connected() && open.test(f.connectionId())) {
            ListeningPoint lp = points.at(f.transport(), f.local());
            writeVia(request, f.transport(), lp != null ? lp : choose(points, f.transport(), f.remote()));
            return d;
        }
        Destination target = f != null && f.connected() ? new Destination(d.transport(), d.address()) : d;
        Transport t = target.transport();
        if (t == Transport.UDP) {
            ListeningPoint lp = f != null && !f.connected() ? points.at(Transport.UDP, f.local()) : null;
            writeVia(request, Transport.UDP, lp != null ? lp : choose(points, Transport.UDP, target.address()));
            if (request.toBytes().length > UDP_LIMIT) {
                ListeningPoint tcp = points.pick(Transport.TCP, target.address());
                if (tcp != null) {
                    writeVia(request, Transport.TCP, tcp);
                    return target.withTransport(Transport.TCP);
                }
            }
            return target;
        }
        writeVia(request, t, choose(points, t, target.address()));
        return target;
    }

    /**
     * The point whose host and port go into sent-by: one of the transport in the target's family, else one of
     * the transport in any family, else any point of the family, else the first point (its sent-by is still one
     * we recognise in responses, §18.1.2).
     */
    static ListeningPoint choose(LocalPoints points, Transport t, InetSocketAddress target) {
        ListeningPoint lp = points.pick(t, target);
        if (lp == null) {
            lp = points.pick(t, null);
        }
        if (lp == null) {
            for (ListeningPoint p : points.all()) {
                if (LocalPoints.sameFamily(p.address(), target)) {
                    return p;
                }
            }
            lp = points.all().isEmpty() ? null : points.all().get(0);
        }
        return lp;
    }

    /**
     * Rewrites the top Via's transport and sent-by, keeping its parameters; adds a Via with a new branch when
     * there is none.
     *
     * @throws IllegalArgumentException when the top Via does not parse (the TU built a broken request)
     */
    static void writeVia(SipRequest request, Transport t, ListeningPoint lp) {
        if (lp == null) {
            return;
        }
        Via old;
        try {
            old = request.topVia();
        } catch (ParseError e) {
            throw new IllegalArgumentException("the request's top Via does not parse: " + e.getMessage(), e);
        }
        Parameters params = old != null ? old.parameters() : Parameters.ofPairs("branch", newBranch());
        if (t == Transport.UDP && !params.has("rport")) {
            params = params.with("rport", null);
        }
        Via v = new Via("SIP", "2.0", t.viaToken(), lp.host(), lp.port(), params);
        if (old != null) {
            request.removeFirst(Headers.VIA);
        }
        request.addFirst(Headers.VIA, v);
    }

    /** A fresh RFC 3261 branch (§8.1.1.7). */
    static String newBranch() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Via.MAGIC_COOKIE + Long.toHexString(r.nextLong() & Long.MAX_VALUE) + Long.toHexString(r.nextInt()
                & 0xffffffffL);
    }
}
