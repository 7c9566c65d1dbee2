package io.callisto.server.proxy;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.TelUri;
import io.callisto.sip.uri.Uri;
import java.util.Locale;
import java.util.Objects;

/**
 * A configured route: requests whose request-URI matches are sent to {@code nextHop} (RFC 3261 §16.6 step 6, the
 * "local policy that mandates that a request visit one specific proxy": the request goes to that hop's address
 * with its request-URI unchanged). Used for gateways and outbound proxies, and for tel: URIs.
 *
 * @param host       request-URI host to match, case-insensitively (null: any host; never matches a tel: URI)
 * @param userPrefix prefix of the request-URI user (SIP) or of the number without visual separators (tel:,
 *                   e.g. {@code +4930}), null: any
 * @param nextHop    where to send matching requests; its host, port, transport and {@code maddr} are used
 */
public record StaticRoute(String host, String userPrefix, SipUri nextHop) {

    /** Lower-cases the host; empty strings mean "any". */
    public StaticRoute {
        Objects.requireNonNull(nextHop, "nextHop");
        host = host == null || host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
        userPrefix = userPrefix == null || userPrefix.isEmpty() ? null : userPrefix;
    }

    /** A route for every request-URI (a default route, e.g. to an outbound proxy). */
    public static StaticRoute any(SipUri nextHop) {
        return new StaticRoute(null, null, nextHop);
    }

    /** True when {@code requestUri} matches both the host (if set) and the user prefix (if set). */
    public boolean matches(Uri requestUri) {
        if (requestUri instanceof SipUri s) {
            if (host != null && !host.equalsIgnoreCase(s.host())) {
                return false;
            }
            if (userPrefix != null) {
                String user = s.user();
                return user != null && user.startsWith(userPrefix);
            }
            return true;
        }
        if (requestUri instanceof TelUri t) {
            return host == null && (userPrefix == null || t.digits().startsWith(userPrefix));
        }
        return false;
    }
}
