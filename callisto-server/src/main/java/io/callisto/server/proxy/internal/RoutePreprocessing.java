package io.callisto.server.proxy.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Flow;
import java.util.ArrayList;
import java.util.List;

/**
 * Route information preprocessing, RFC 3261 §16.4, applied to the proxy's working copy of a request:
 * <ol>
 *   <li>strict-router compatibility: a request-URI that is one of our Record-Route URIs (ours, with {@code lr})
 *       was put there by a strict router (§12.2.1.1), so the last Route value goes back into the request-URI;</li>
 *   <li>a {@code maddr} naming us, received on the port and transport of the URI, is removed with the port and
 *       transport parameters;</li>
 *   <li>every Route value at the top that indicates this proxy is removed (one for single, two for double
 *       record-routing).</li>
 * </ol>
 * The flow tokens in the user parts of the removed values (see {@link RouteTokens}) are returned.
 */
public final class RoutePreprocessing {

    private RoutePreprocessing() {
    }

    /**
     * Edits {@code request} (the proxy's own copy) as §16.4 says; {@code arrival} is the flow it came on. Returns
     * the flows named by tokens in the removed Route values and in a strict-routed request-URI, in order. May
     * throw ParseError for a malformed Route or request-URI.
     */
    public static List<Flow> apply(SipRequest request, Flow arrival, LocalAddresses local) {
        List<Flow> tokens = List.of();
        Uri ruri = request.requestUri();
        if (ruri instanceof SipUri s && s.lr() && local.isOurs(s) && request.count(HeaderName.ROUTE) > 0) {
            tokens = addTokens(tokens, s);
            restoreFromLastRoute(request);
            ruri = request.requestUri();
        }
        if (ruri instanceof SipUri s && s.maddr() != null) {
            stripOurMaddr(request, s, arrival, local);
        }
        while (true) {
            NameAddress top = request.first(Headers.ROUTE);
            if (top == null || !(top.uri() instanceof SipUri r) || !local.isOurs(r)) {
                break;
            }
            request.removeFirst(Headers.ROUTE);
            tokens = addTokens(tokens, r);
        }
        return tokens;
    }

    /** §16.4: "replace the Request-URI in the request with the last value from the Route header field". */
    private static void restoreFromLastRoute(SipRequest request) {
        List<NameAddress> routes = request.routes();
        NameAddress last = routes.get(routes.size() - 1);
        request.setRequestUri(last.uri());
        request.remove(HeaderName.ROUTE);
        for (int i = 0; i < routes.size() - 1; i++) {
            request.add(Headers.ROUTE, routes.get(i));
        }
    }

    /**
     * §16.4: a maddr we are responsible for, with the request received on the URI's port and transport, is
     * stripped together with any non-default port and the transport parameter.
     */
    private static void stripOurMaddr(SipRequest request, SipUri uri, Flow arrival, LocalAddresses local) {
        String transport = uri.transport();
        int port = uri.port() > 0 ? uri.port() : uri.secure() ? 5061 : 5060;
        SipUri maddr;
        try {
            maddr = SipUri.builder().host(uri.maddr()).port(port).build();
        } catch (IllegalArgumentException e) {
            return; // not a host: left for the next hop to judge
        }
        if (!local.isOurs(maddr) || arrival == null || arrival.local() == null
                || arrival.local().getPort() != port
                || transport != null && !transport.equalsIgnoreCase(arrival.transport().viaToken())) {
            return;
        }
        request.setRequestUri(uri.withoutParameter("maddr").withoutParameter("transport").withPort(-1));
    }

    private static List<Flow> addTokens(List<Flow> tokens, SipUri uri) {
        String user = uri.userRaw();
        if (user == null || user.isEmpty()) {
            return tokens;
        }
        List<Flow> out = tokens;
        for (String part : user.split("\\.")) {
            Flow f = RouteTokens.decode(part);
            if (f != null) {
                if (out.isEmpty()) {
                    out = new ArrayList<>(2);
                }
                out.add(f);
            }
        }
        return out;
    }

    /**
     * The flow a request should leave on, from the tokens of the Route values it carried (RFC 5626 §5.3): tokens
     * naming the flow it arrived on are the sender's own side and are dropped; exactly one token left names the
     * other side. Null when none or several are left (then the request is routed by its URIs).
     */
    public static Flow flowFromTokens(List<Flow> tokens, Flow arrival) {
        Flow chosen = null;
        for (Flow f : tokens) {
            if (RouteTokens.sameFlow(f, arrival)) {
                continue;
            }
            if (chosen != null && !chosen.equals(f)) {
                return null;
            }
            chosen = f;
        }
        return chosen;
    }
}
