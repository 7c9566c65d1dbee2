package io.callisto.server.registrar;

import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The text forms under which the registrar remembers where a REGISTER came from, so that the proxy can send
 * requests back the same way (RFC 5626 §6: "enough information to uniquely identify the network flow"; RFC 3261
 * §18.2.2 / RFC 3581 for a client behind NAT).
 *
 * <ul>
 *   <li>{@link #of(Flow) flow token} ({@code Binding.flow}): {@code transport/local/remote/connectionId}, e.g.
 *       {@code tcp/127.0.0.1:5060/192.0.2.4:40312/17}; {@link #parse(String)} gives the {@link Flow} back. A
 *       token names one connection of one node, so it is meaningful only on {@code Binding.node}.</li>
 *   <li>{@link #source(Flow) source} ({@code Binding.source}): {@code transport:host:port} of the far end, e.g.
 *       {@code udp:203.0.113.5:40312} or {@code tcp:[2001:db8::1]:5060}.</li>
 * </ul>
 * IPv6 addresses are written in brackets. Thread-safe (stateless).
 */
public final class FlowToken {

    private FlowToken() {
    }

    /** The flow token of {@code flow}. */
    public static String of(Flow flow) {
        return lower(flow.transport()) + '/' + hostPort(flow.local()) + '/' + hostPort(flow.remote()) + '/'
                + flow.connectionId();
    }

    /** The source of a request that arrived on {@code flow}: {@code transport:host:port} of the far end. */
    public static String source(Flow flow) {
        return lower(flow.transport()) + ':' + hostPort(flow.remote());
    }

    /**
     * The flow named by a token made by {@link #of(Flow)}; null when {@code token} is null or not such a token.
     * Addresses must be numeric (no name is resolved).
     */
    public static Flow parse(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("/", -1);
        if (parts.length != 4) {
            return null;
        }
        Transport transport = Transport.fromToken(parts[0]);
        InetSocketAddress local = address(parts[1]);
        InetSocketAddress remote = address(parts[2]);
        if (transport == null || local == null || remote == null) {
            return null;
        }
        try {
            return new Flow(transport, local, remote, Long.parseLong(parts[3]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The far end named by a {@link #source(Flow) source} string; null when it is not one. */
    public static InetSocketAddress sourceAddress(String source) {
        int colon = source == null ? -1 : source.indexOf(':');
        return colon < 0 ? null : address(source.substring(colon + 1));
    }

    /** The transport named by a {@link #source(Flow) source} string; null when it is not one. */
    public static Transport sourceTransport(String source) {
        int colon = source == null ? -1 : source.indexOf(':');
        return colon < 0 ? null : Transport.fromToken(source.substring(0, colon));
    }

    private static String lower(Transport t) {
        return t.viaToken().toLowerCase(Locale.ROOT);
    }

    private static String hostPort(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip != null ? ip.getHostAddress() : a.getHostString();
        int zone = host.indexOf('%');
        if (zone >= 0 && ip != null && ip.getAddress().length == 16) {
            host = host.substring(0, zone);
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ':' + a.getPort();
    }

    /** {@code host:port} with a numeric host (IPv6 in brackets), or null. Never resolves a name. */
    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = hostPort.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (port < 0 || port > 65535) {
            return null;
        }
        InetAddress ip = host.startsWith("[") && host.endsWith("]") ? ipv6(host) : ipv4(host);
        return ip == null ? null : new InetSocketAddress(ip, port);
    }

    private static InetAddress ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** A bracketed IPv6 literal: the JDK parses it without a lookup and rejects it when malformed. */
    private static InetAddress ipv6(String bracketed) {
        String inner = bracketed.substring(1, bracketed.length() - 1);
        if (inner.isEmpty() || !inner.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(bracketed);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
