package io.callisto.server.config;

import io.callisto.transport.SocketAddresses;
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
        try {
            return SocketAddresses.parse(text, -1);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }
}
