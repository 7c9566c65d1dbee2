package io.callisto.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses the address forms people type for a listening point or a peer: {@code HOST:PORT}, {@code [IPv6]:PORT},
 * and, where a default port applies, {@code HOST} and {@code [IPv6]}. The host must be a literal address or a name
 * that resolves now. Shared by the command line, the server's configuration and the load tester, so that every
 * place accepts the same spellings and says the same things about the wrong ones.
 */
public final class SocketAddresses {

    private SocketAddresses() {
    }

    /**
     * The address {@code text} names.
     *
     * @param text        the text, e.g. {@code 127.0.0.1:5060}, {@code [::1]:5060}, {@code example.com}
     * @param defaultPort the port when {@code text} has none, or -1 when a port is required
     * @throws IllegalArgumentException with a message quoting {@code text} and saying what is wrong
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty address (expected HOST:PORT)");
        }
        String s = text.trim();
        String host;
        String port = null;
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
                port = rest.substring(1);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "': write IPv6 addresses in brackets, e.g. [::1]:5060");
            }
            host = colon >= 0 ? s.substring(0, colon) : s;
            port = colon >= 0 ? s.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': no host");
        }
        int p;
        if (port == null) {
            if (defaultPort < 0) {
                throw new IllegalArgumentException("'" + text + "': no port (expected HOST:PORT, or [IPv6]:PORT)");
            }
            p = defaultPort;
        } else {
            p = port(port, text);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "': host " + host + " does not resolve");
        }
    }

    private static int port(String p, String text) {
        try {
            int port = Integer.parseInt(p);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("'" + text + "': the port must be a number from 0 to 65535");
    }
}
