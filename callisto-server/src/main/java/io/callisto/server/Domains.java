package io.callisto.server;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.ListeningPoint;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names this server answers for: the configured domains (registrar and proxy are responsible for them), and
 * its own addresses (listening points and advertised hosts), which requests reach after a Record-Route or when
 * a client registers to an IP address. With no configured domain, a server is responsible for its own
 * addresses only, and {@code localhost}.
 */
public final class Domains {

    private final Set<String> domains;
    private final Set<String> own;

    /** {@code configured} domains; {@code points} and {@code advertised} are the server's own names. */
    public Domains(Collection<String> configured, List<ListeningPoint> points, String advertised) {
        this.domains = new LinkedHashSet<>();
        for (String d : configured) {
            domains.add(normal(d));
        }
        this.own = new LinkedHashSet<>();
        for (ListeningPoint lp : points) {
            own.add(normal(lp.host()));
            own.add(normal(lp.address().getAddress().getHostAddress()));
        }
        if (advertised != null) {
            own.add(normal(advertised));
        }
        if (domains.isEmpty()) {
            own.add("localhost");
        }
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h;
    }

    /** True when {@code host} is a configured domain or one of our own addresses. */
    public boolean isOurs(String host) {
        if (host == null) {
            return false;
        }
        String h = normal(host);
        return domains.contains(h) || own.contains(h);
    }

    /** True when {@code uri} is a SIP/SIPS URI whose host {@link #isOurs is ours}. */
    public boolean isOurs(Uri uri) {
        return uri instanceof SipUri s && isOurs(s.host());
    }

    /** The configured domains, in configuration order (empty when none). */
    public Set<String> configured() {
        return Set.copyOf(domains);
    }

    /** Every name we answer for: the configured domains and our own addresses. */
    public Set<String> all() {
        Set<String> a = new LinkedHashSet<>(domains);
        a.addAll(own);
        return a;
    }

    /** The first configured domain, else the first own name: the default realm. */
    public String primary() {
        return domains.isEmpty() ? own.iterator().next() : domains.iterator().next();
    }
}
