package io.callisto.cli;

import io.callisto.transport.SocketAddresses;
import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code HOST} and {@code [IPv6]} for command options. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The address {@code text} names, with {@code defaultPort} when it has none; see {@link SocketAddresses#parse}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        return SocketAddresses.parse(text, defaultPort);
    }
}
