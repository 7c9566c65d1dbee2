package io.callisto.server.proxy.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.ListeningPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-branch edits of RFC 3261 §16.6 on the proxy's copy of a request: request-URI (step 2), Max-Forwards
 * (step 3), pushing a binding's Path as Route values and reformatting for a strict router (step 6), Content-Length
 * (step 9) and the new Via (step 8). Record-Route (step 4) is {@link RecordRouting}. The body and every other
 * header are left as received (step 1).
 */
public final class Forwarding {

    private Forwarding() {
    }

    /**
     * Steps 2, 3, 6 and 9 on {@code msg}, a copy of the received request after route preprocessing, for target
     * {@code t}. {@code receivedMaxForwards} is the received value (-1 when absent), {@code cap} the configured
     * highest value forwarded.
     */
    public static void prepare(SipRequest msg, Target t, int receivedMaxForwards, int cap) {
        if (!t.uri().toString().equals(msg.requestUriText())) {
            msg.setRequestUri(t.uri());
        }
        msg.set(Headers.MAX_FORWARDS, maxForwards(receivedMaxForwards, cap));
        if (!t.path().isEmpty()) {
            pushRoutes(msg, t.path());
        }
        strictRouteReformat(msg);
        if (msg.contentLength() < 0) {
            msg.set(Headers.CONTENT_LENGTH, (long) msg.bodyLength()); // needed on stream transports (step 9)
        }
    }

    /** Step 3: one less than received, at most {@code cap}; {@code cap} when the request had none. */
    public static int maxForwards(int received, int cap) {
        return received < 0 ? cap : Math.min(received - 1, cap);
    }

    /** Step 6 with RFC 3327 §5.4: the stored path vector goes ahead of the request's own Route values. */
    private static void pushRoutes(SipRequest msg, List<NameAddress> path) {
        List<NameAddress> all = new ArrayList<>(path);
        all.addAll(msg.routes());
        msg.remove(HeaderName.ROUTE);
        for (NameAddress r : all) {
            msg.add(Headers.ROUTE, r);
        }
    }

    /**
     * Step 6: when the first Route value has no {@code lr} (a strict router), the request-URI becomes the last
     * Route value and the first Route value becomes the request-URI.
     */
    static void strictRouteReformat(SipRequest msg) {
        NameAddress top = msg.first(Headers.ROUTE);
        if (top == null || top.uri() instanceof SipUri s && s.lr()) {
            return;
        }
        List<NameAddress> routes = new ArrayList<>(msg.routes());
        Uri old = msg.requestUri();
        routes.remove(0);
        routes.add(NameAddress.of(old));
        msg.setRequestUri(top.uri());
        msg.remove(HeaderName.ROUTE);
        for (NameAddress r : routes) {
            msg.add(Headers.ROUTE, r);
        }
    }

    /**
     * Step 8: our Via on top with {@code branch}; the transport writes the transport and sent-by of the point that
     * sends it (§18.1.1), so the host here is only a placeholder from the point facing {@code d}.
     */
    public static void addVia(SipRequest msg, String branch, LocalAddresses local, Destination d) {
        ListeningPoint lp = local.pointFor(d.transport());
        String host = lp != null ? lp.host() : "0.0.0.0";
        int port = lp != null ? lp.port() : -1;
        msg.addFirst(Headers.VIA, Via.of(d.transport().viaToken(), host, port, branch));
    }
}
