package io.callisto.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code HOST} and {@code [IPv6]} for command options. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Parses {@code text} with {@code defaultPort} when it names none.
     *
     * @throws IllegalArgumentException with a message for the user when the text is malformed or the host unknown
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        String host;
        int port = defaultPort;
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "': missing ']' after the IPv6 address");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "': expected ':PORT' after ']'");
                }
                port = port(rest.substring(1), text);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:5060");
            }
            host = colon >= 0 ? s.substring(0, colon) : s;
            if (colon >= 0) {
                port = port(s.substring(colon + 1), text);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "': unknown host " + host);
        }
    }

    private static int port(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "': the port must be a number from 0 to 65535");
        }
    }
}
