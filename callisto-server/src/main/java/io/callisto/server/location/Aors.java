package io.callisto.server.location;

import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import java.util.Locale;

/**
 * The canonical form of an address-of-record, the key of the location service. RFC 3261 §10.3 step 5: the To
 * URI with every URI parameter, header and the password removed, its user part kept as is (case-sensitive, but
 * escapes decoded, §19.1.4) and its host lower-cased; the port is kept only when it is not the default for the
 * scheme. {@code sips:} AoRs are stored as {@code sip:} (§19.1: a sips URI names the same resource reached
 * securely); a request-URI of either scheme finds the same bindings.
 */
public final class Aors {

    private Aors() {
    }

    /** {@code sip:user@host[:port]} for a SIP or SIPS URI; null for other schemes (tel:, absolute URIs). */
    public static String canonical(Uri uri) {
        if (!(uri instanceof SipUri s)) {
            return null;
        }
        return canonical(s.user(), s.host(), s.port());
    }

    /** The canonical AoR of {@code user} (may be null) at {@code host}, port -1 or 0 when absent. */
    public static String canonical(String user, String host, int port) {
        StringBuilder b = new StringBuilder(48).append("sip:");
        if (user != null && !user.isEmpty()) {
            b.append(user).append('@');
        }
        b.append(host.toLowerCase(Locale.ROOT));
        if (port > 0 && port != 5060 && port != 5061) {
            b.append(':').append(port);
        }
        return b.toString();
    }
}
