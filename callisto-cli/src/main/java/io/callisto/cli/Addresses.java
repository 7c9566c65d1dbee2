package io.callisto.cli;

import io.callisto.transport.SocketAddresses;
import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT}, {@code [IPv6]:PORT}, {@code HOST} and {@code [IPv6]} for command options. */
final class Addresses {

    private Addresses() {
    }

    /** See {@link SocketAddresses#parse}: an {@link IllegalArgumentException} says what is wrong. */
    static InetSocketAddress parse(String text, int defaultPort) {
        return SocketAddresses.parse(text, defaultPort);
    }
}
