package io.callisto.server.proxy.internal;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import java.util.List;

/**
 * One element of the target set (RFC 3261 §16.5) and how to reach it.
 *
 * @param uri       the request-URI of the branch (§16.6 step 2)
 * @param path      Route values to push ahead of the request's own (a binding's Path, RFC 3327 §5.4), top first
 * @param direct    destinations tried, in order, before the next hop is resolved (§16.6 step 7's ordered set): the
 *                  flow a contact registered on (RFC 5626 §5.3) or the source address of a contact behind NAT
 * @param nextHop   a configured next hop whose address is used instead of the request's own next hop (§16.6 step 6,
 *                  "send the request to the address, port, and transport for that specific proxy"), or null
 * @param tokenFlow the flow to name in the Record-Route value facing this target, so that later requests of the
 *                  dialog reach it the same way (see {@link RouteTokens}), or null
 * @param q         the q-value (1.0 when none was given)
 */
public record Target(Uri uri, List<NameAddress> path, List<Destination> direct, SipUri nextHop, Flow tokenFlow,
        double q) {

    /** Copies the lists. */
    public Target {
        path = List.copyOf(path);
        direct = List.copyOf(direct);
    }

    /** The request-URI itself as the only target, reached by the request's own next hop. */
    public static Target of(Uri uri) {
        return new Target(uri, List.of(), List.of(), null, null, 1.0);
    }
}
