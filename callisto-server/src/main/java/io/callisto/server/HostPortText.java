package io.callisto.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** {@code host:port} text of a socket address for log lines, IPv6 in brackets. */
final class HostPortText {

    private HostPortText() {
    }

    static String of(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
