package io.callisto.server.config;

import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT} (IPv6 as {@code [addr]:port}) into an unresolved-free socket address. */
public final class HostPort {

    private HostPort() {
    }

    /**
     * The address {@code text} names; {@code key} (e.g. "listen.udp[0]" or "--udp") goes into the error message.
     * The host must be a literal address or a name that resolves now (a listening point binds at start).
     */
    public static InetSocketAddress parse(String text, String key) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw new ConfigException(key + ": empty address (expected HOST:PORT)");
        }
        String t = text.trim();
        String host;
        String port;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0 || end + 1 >= t.length() || t.charAt(end + 1) != ':') {
                throw new ConfigException(key + ": '" + text + "' is not [IPv6]:PORT");
            }
            host = t.substring(1, end);
            port = t.substring(end + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                throw new ConfigException(key + ": '" + text + "' is not HOST:PORT (write IPv6 as [addr]:port)");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + ": port '" + port + "' is not a number");
        }
        if (p < 0 || p > 65_535) {
            throw new ConfigException(key + ": port " + p + " is out of range 0..65535");
        }
        InetSocketAddress a = new InetSocketAddress(host, p);
        if (a.isUnresolved()) {
            throw new ConfigException(key + ": host '" + host + "' does not resolve");
        }
        return a;
    }
}
