package io.callisto.auth.internal;

import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import java.util.List;

/**
 * Reads and replaces the Authorization or Proxy-Authorization values of a request, one realm at a time (RFC 3261
 * §22.3: several credentials in one request are told apart by their realm). A line that does not parse is never a
 * match, and is kept as written.
 */
public final class AuthorizationHeaders {
    private AuthorizationHeaders() {}

    /** The first Digest credentials of {@code realm} the request carries under {@code key}, or null. */
    public static Credentials find(SipRequest request, HeaderKey<Credentials> key, String realm) {
        for (String line : request.headers(key.name().canonical())) {
            Credentials c = parse(key, line);
            if (c != null && c.isDigest() && realm.equals(c.realm())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Puts {@code credentials} into the request under {@code key}, removing any value of the same realm sent
     * before (a stale answer must not travel along with the fresh one). Other values keep their text and order.
     */
    public static void replace(SipRequest request, HeaderKey<Credentials> key, String realm,
            Credentials credentials) {
        String name = key.name().canonical();
        List<String> lines = request.headers(name);
        boolean stale = false;
        for (String line : lines) {
            stale |= isRealm(key, line, realm);
        }
        if (stale) {
            request.removeHeader(name);
            for (String line : lines) {
                if (!isRealm(key, line, realm)) {
                    readd(request, name, line);
                }
            }
        }
        request.add(key, credentials);
    }

    /** Adds a line back, its folds (§7.3.1) turned into spaces; a line with other control octets is dropped. */
    private static void readd(SipRequest request, String name, String line) {
        try {
            request.addHeader(name, line.replace('\r', ' ').replace('\n', ' '));
        } catch (IllegalArgumentException e) {
            // not text we could have written: leave it out
        }
    }

    private static boolean isRealm(HeaderKey<Credentials> key, String line, String realm) {
        Credentials c = parse(key, line);
        return c != null && c.isDigest() && realm.equals(c.realm());
    }

    private static Credentials parse(HeaderKey<Credentials> key, String line) {
        try {
            List<Credentials> values = key.parse(line);
            return values.size() == 1 ? values.get(0) : null;
        } catch (ParseError | IllegalArgumentException e) {
            return null;
        }
    }
}
