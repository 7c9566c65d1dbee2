package io.callisto.server.proxy.internal;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.transport.internal.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Record-Route insertion (RFC 3261 §16.6 step 4) for the branches of one request.
 *
 * <p>Dialog-forming requests (no To tag; INVITE, SUBSCRIBE, REFER, NOTIFY) get a value before any existing one.
 * When the request leaves on another listening point than it arrived on (another transport or interface), two
 * values are inserted, the one facing the next hop on top (double record-routing, as RFC 5658 describes), so that
 * each side of the dialog reaches the proxy on the point that faces it; otherwise one. A URI is
 * {@code sip:[tokens@]host:port[;transport=tcp|tls];lr}, a {@code sips:} URI when the request-URI is SIPS.
 *
 * <p>The user part carries {@link RouteTokens} when a side can only be reached over its flow: the target's (a
 * registered contact's connection, or its address behind NAT) and the caller's (it came over a connection, or
 * from an address other than its Contact's).
 */
public final class RecordRouting {

    /** The methods that create dialogs (RFC 3261 INVITE, RFC 6665 SUBSCRIBE and NOTIFY, RFC 3515 REFER). */
    static final Set<String> DIALOG_FORMING = Set.of("INVITE", "SUBSCRIBE", "REFER", "NOTIFY");

    /** The value without tokens of each listening point (immutable, so shared). */
    private static final ConcurrentHashMap<ListeningPoint, NameAddress> PLAIN = new ConcurrentHashMap<>();

    private final ListeningPoint arrivalPoint;
    private final String callerToken;

    private RecordRouting(ListeningPoint arrivalPoint, String callerToken) {
        this.arrivalPoint = arrivalPoint;
        this.callerToken = callerToken;
    }

    /** The record-routing of {@code request} (as received on {@code arrival}), or null when it gets none. */
    public static RecordRouting of(SipRequest request, Flow arrival, ProxyConfig config, LocalAddresses local) {
        if (!config.recordRoute() || !DIALOG_FORMING.contains(request.method())) {
            return null;
        }
        NameAddress to = request.to();
        if (to == null || to.tag() != null) {
            return null; // §16.6 step 4: a request inside a dialog leaves the route set as it is
        }
        return new RecordRouting(local.pointOf(arrival), callerToken(request, arrival));
    }

    /** The caller's flow as a token when the caller cannot be reached at its Contact, else null. */
    private static String callerToken(SipRequest request, Flow arrival) {
        if (arrival == null || arrival.remote() == null) {
            return null;
        }
        if (arrival.connected()) {
            return RouteTokens.encode(arrival);
        }
        SipUri c;
        try {
            List<NameAddress> contacts = request.contacts();
            if (contacts.isEmpty() || contacts.get(0).isWildcard() || !(contacts.get(0).uri() instanceof SipUri s)) {
                return null;
            }
            c = s;
        } catch (ParseError e) {
            return null; // §16.3 step 1: a field the proxy does not need is left alone, well-formed or not
        }
        InetAddress ip = IpLiterals.parse(c.host());
        int port = c.port() > 0 ? c.port() : arrival.transport().defaultPort();
        boolean sameAddress = ip != null && ip.equals(arrival.remote().getAddress())
                && port == arrival.remote().getPort();
        return sameAddress ? null : RouteTokens.encode(new Flow(arrival.transport(), arrival.local(),
                arrival.remote(), 0));
    }

    /**
     * Inserts the value(s) into {@code msg}, which leaves for {@code d}; {@code targetFlow} is the flow to name for
     * the target's side, or null.
     */
    public void insert(SipRequest msg, Destination d, Flow targetFlow, LocalAddresses local) {
        ListeningPoint out = d.flow() != null ? local.pointOf(d.flow()) : null;
        if (out == null) {
            out = local.pointFor(d.transport());
        }
        String targetToken = targetFlow == null ? null : RouteTokens.encode(targetFlow);
        boolean sips = msg.requestUri() instanceof SipUri s && s.secure();
        if (arrivalPoint != null && out != null && !arrivalPoint.equals(out)) {
            msg.addFirst(Headers.RECORD_ROUTE, value(arrivalPoint, callerToken, sips));
            msg.addFirst(Headers.RECORD_ROUTE, value(out, targetToken, sips));
            return;
        }
        ListeningPoint lp = out != null ? out : arrivalPoint;
        if (lp == null) {
            return;
        }
        String user = targetToken == null ? callerToken
                : callerToken == null ? targetToken : targetToken + "." + callerToken;
        msg.addFirst(Headers.RECORD_ROUTE, value(lp, user, sips));
    }

    private static NameAddress value(ListeningPoint lp, String user, boolean sips) {
        if (user == null && !sips) {
            return PLAIN.computeIfAbsent(lp, p -> build(p, null, false)); // the common case, parsed once
        }
        return build(lp, user, sips);
    }

    private static NameAddress build(ListeningPoint lp, String user, boolean sips) {
        StringBuilder b = new StringBuilder(64).append(sips ? "sips:" : "sip:");
        if (user != null) {
            b.append(user).append('@');
        }
        b.append(lp.host()).append(':').append(lp.port());
        Transport t = lp.transport();
        if (t != Transport.UDP && !(sips && t == Transport.TLS)) {
            b.append(";transport=").append(t.viaToken().toLowerCase(java.util.Locale.ROOT));
        }
        return NameAddress.of(SipUri.parse(b.append(";lr").toString()));
    }
}
