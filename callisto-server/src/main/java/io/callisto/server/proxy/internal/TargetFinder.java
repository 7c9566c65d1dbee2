package io.callisto.server.proxy.internal;

import io.callisto.server.location.Aors;
import io.callisto.server.location.Binding;
import io.callisto.server.location.LocationStore;
import io.callisto.server.location.BindingFlows;
import io.callisto.server.proxy.ForkingMode;
import io.callisto.server.proxy.ProxyConfig;
import io.callisto.server.proxy.StaticRoute;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.TelUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import io.callisto.transport.internal.IpLiterals;
import io.callisto.ua.internal.TargetResolver;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Determines the target set of a request (RFC 3261 §16.5) after route preprocessing: the flow named by a
 * Record-Route token; the request-URI alone when it has a {@code maddr}, when Route values remain, or when its domain
 * is not ours (optionally through a static route); for our domains and addresses the location service's bindings,
 * ordered by q-value and grouped for sequential forking, or a static route, else 404. Reads only memory: runs on
 * the request's owner thread.
 */
public final class TargetFinder {

    private static final Logger LOG = LoggerFactory.getLogger(TargetFinder.class);

    /** The outcome: groups of targets to try in turn, or a response status (0 with no groups: answer locally). */
    public record Outcome(List<List<Target>> groups, int status, String reason) {

        static Outcome single(Target t) {
            return new Outcome(List.of(List.of(t)), 0, null);
        }

        static Outcome reject(int status, String reason) {
            return new Outcome(List.of(), status, reason);
        }

        /** True when the request is for this proxy itself (our address without a user). */
        public boolean local() {
            return groups.isEmpty() && status == 0;
        }
    }

    private static final Outcome LOCAL = new Outcome(List.of(), 0, null);

    private final ProxyConfig config;
    private final LocationStore locations;
    private final LocalAddresses local;
    private final String nodeId;

    /** A finder over {@code locations}; a binding's flow is used only when {@code nodeId} wrote it. */
    public TargetFinder(ProxyConfig config, LocationStore locations, LocalAddresses local, String nodeId) {
        this.config = config;
        this.locations = locations;
        this.local = local;
        this.nodeId = nodeId;
    }

    /**
     * The targets of {@code request} (already route-preprocessed) that arrived on {@code arrival}, with the flows
     * named by the tokens of the Route values it carried. May throw ParseError.
     */
    public Outcome find(SipRequest request, List<Flow> tokens, Flow arrival) {
        Uri ruri = request.requestUri();
        Flow flow = RoutePreprocessing.flowFromTokens(tokens, arrival);
        if (flow != null) {
            // RFC 5626 §5.3.1: an "incoming" request for the UA on the other side of the token's flow
            return Outcome.single(new Target(ruri, List.of(), List.of(Destination.over(flow)), null, null, 1.0));
        }
        boolean routed = request.count(HeaderName.ROUTE) > 0;
        if (ruri instanceof SipUri s) {
            if (s.maddr() != null) {
                return Outcome.single(Target.of(ruri)); // §16.5: the maddr URI is the only target
            }
            if (local.isOurs(s)) {
                return ours(request, s, routed);
            }
            return routed ? Outcome.single(Target.of(ruri)) : staticOr(ruri, Outcome.single(Target.of(ruri)));
        }
        if (ruri instanceof TelUri) {
            return routed ? Outcome.single(Target.of(ruri))
                    : staticOr(ruri, Outcome.reject(416, "Unsupported URI Scheme (no route for tel URI)"));
        }
        return Outcome.reject(416, "Unsupported URI Scheme");
    }

    private Outcome ours(SipRequest request, SipUri ruri, boolean routed) {
        String user = ruri.user();
        if (user == null || user.isEmpty()) {
            return routed ? Outcome.single(Target.of(ruri)) : LOCAL;
        }
        List<Binding> bindings = lookup(user, ruri);
        if (!bindings.isEmpty()) {
            List<List<Target>> groups = targets(bindings);
            if (!groups.isEmpty()) {
                return new Outcome(groups, 0, null);
            }
        }
        return staticOr(ruri, Outcome.reject(404, "Not Found"));
    }

    private Outcome staticOr(Uri ruri, Outcome otherwise) {
        for (StaticRoute r : config.staticRoutes()) {
            if (r.matches(ruri)) {
                return Outcome.single(new Target(ruri, List.of(), List.of(), r.nextHop(), null, 1.0));
            }
        }
        return otherwise;
    }

    /**
     * §16.5: the location service is indexed by the canonical request-URI (§10.3). A request-URI naming one of our
     * addresses rather than a domain (sip:bob@192.0.2.1) also finds bob's bindings in each configured domain.
     */
    private List<Binding> lookup(String user, SipUri ruri) {
        Set<String> aors = new LinkedHashSet<>();
        aors.add(Aors.canonical(ruri));
        if (ruri.port() > 0) {
            aors.add(Aors.canonical(user, ruri.host(), -1));
        }
        if (!local.isDomainOrAlias(ruri.host())) {
            for (String domain : config.domains()) {
                aors.add(Aors.canonical(user, domain, -1));
            }
        }
        for (String aor : aors) {
            List<Binding> found = locations.lookup(aor);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    /** Bindings to targets: highest q first, each contact once (§16.5), at most maxBranches, grouped by q. */
    List<List<Target>> targets(List<Binding> bindings) {
        List<Binding> sorted = new ArrayList<>(bindings);
        sorted.sort(Comparator.comparingDouble(TargetFinder::q).reversed());
        List<Target> all = new ArrayList<>(sorted.size());
        for (Binding b : sorted) {
            Target t = target(b);
            if (t != null && all.stream().noneMatch(x -> x.uri().equivalent(t.uri()))) {
                all.add(t);
                if (all.size() == config.maxBranches()) {
                    break;
                }
            }
        }
        List<List<Target>> groups = new ArrayList<>();
        if (config.forking() == ForkingMode.PARALLEL) {
            if (!all.isEmpty()) {
                groups.add(all);
            }
            return groups;
        }
        List<Target> group = null;
        for (Target t : all) {
            if (group == null || group.get(0).q() != t.q()) {
                group = new ArrayList<>();
                groups.add(group);
            }
            group.add(t);
        }
        return groups;
    }

    private static double q(Binding b) {
        return b.q() < 0 ? 1.0 : b.q();
    }

    /** One binding as a target; null when its contact or Path does not parse (logged). */
    private Target target(Binding b) {
        Uri uri;
        List<NameAddress> path = new ArrayList<>(b.path().size());
        try {
            uri = Uri.parse(b.contact());
            if (uri instanceof SipUri s) {
                uri = s.withoutHeaders().withoutParameter("method"); // §16.6 step 2: not allowed in a request-URI
            }
            for (String p : b.path()) {
                NameAddress a = NameAddress.parse(p);
                if (path.isEmpty() && a.uri() instanceof SipUri r && local.isOurs(r)) {
                    continue; // a Path value naming us: we are already here
                }
                path.add(a);
            }
        } catch (ParseError | IllegalArgumentException e) {
            LOG.warn("binding {} of {} skipped: {}", b.contact(), b.aor(), e.getMessage());
            return null;
        }
        List<Destination> direct = List.of();
        Flow token = null;
        if (path.isEmpty()) {
            Flow f = b.flow() != null && nodeId.equals(b.node()) ? BindingFlows.flow(b.flow()) : null;
            if (f != null) {
                direct = List.of(Destination.over(f));
                token = f;
            } else {
                Destination src = BindingFlows.sourceDestination(b.source());
                if (src != null && uri instanceof SipUri s && behindNat(s, src)) {
                    direct = List.of(src);
                    token = new Flow(src.transport(), null, src.address(), 0);
                }
            }
        }
        return new Target(uri, path, direct, null, token, q(b));
    }

    /**
     * True when a contact registered from {@code source} cannot be reached at its own address: same transport, but
     * the contact's host and port are not the source's (a NAT rewrote them, or the client sent from another port).
     */
    static boolean behindNat(SipUri contact, Destination source) {
        Transport t = TargetResolver.transportOf(contact);
        if (t != source.transport()) {
            return false;
        }
        InetAddress ip = IpLiterals.parse(contact.host());
        int port = contact.port() > 0 ? contact.port() : t.defaultPort();
        return ip == null || !ip.equals(source.address().getAddress()) || port != source.address().getPort();
    }
}
