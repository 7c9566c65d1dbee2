package io.callisto.transport;

import java.net.InetSocketAddress;

/**
 * One bound socket: a transport and the local address it listens on. {@code advertisedHost} is the host written in
 * Via sent-by and Contact (the bound address unless configured otherwise, e.g. a public name behind a NAT).
 */
public record ListeningPoint(Transport transport, InetSocketAddress address, String advertisedHost) {

    /** The host for Via and Contact: the advertised host, else the bound address (IPv6 in brackets). */
    public String host() {
        if (advertisedHost != null && !advertisedHost.isEmpty()) {
            return advertisedHost;
        }
        String h = io.callisto.transport.internal.IpLiterals.text(address.getAddress());
        return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public String toString() {
        return transport.viaToken() + " " + host() + ":" + port();
    }
}
