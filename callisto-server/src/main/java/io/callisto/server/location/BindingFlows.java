package io.callisto.server.location;

import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import io.callisto.transport.internal.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The text forms of {@link io.callisto.server.location.Binding#flow()} and
 * {@link io.callisto.server.location.Binding#source()}, shared by the registrar, which writes them, and the proxy,
 * which reads them to reach a contact over the connection it registered on (RFC 5626 §5.3) or at the address its
 * REGISTER came from (a client behind NAT).
 *
 * <ul>
 *   <li>flow: {@code <transport> <connection id> <local host:port> <remote host:port>}, e.g.
 *       {@code tcp 17 127.0.0.1:5060 127.0.0.1:40312} (IPv6 hosts in brackets);</li>
 *   <li>source: {@code <transport>:<host>:<port>}, e.g. {@code udp:203.0.113.5:40312} or
 *       {@code udp:[2001:db8::5]:40312}.</li>
 * </ul>
 * Hosts are IP literals: parsing never asks DNS. Parsing is total: malformed text gives null.
 */
public final class BindingFlows {

    private BindingFlows() {
    }

    /** The {@code Binding.flow} text of {@code flow}. */
    public static String token(Flow flow) {
        return flow.transport().viaToken().toLowerCase(Locale.ROOT) + ' ' + flow.connectionId() + ' '
                + hostPort(flow.local()) + ' ' + hostPort(flow.remote());
    }

    /** The {@code Binding.source} text of the flow a request came on. */
    public static String source(Flow flow) {
        return flow.transport().viaToken().toLowerCase(Locale.ROOT) + ':' + hostPort(flow.remote());
    }

    /** The flow named by a {@link #token} text, or null when it does not parse. */
    public static Flow flow(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.trim().split(" +");
        if (parts.length != 4) {
            return null;
        }
        Transport t = Transport.fromToken(parts[0]);
        InetSocketAddress local = address(parts[2]);
        InetSocketAddress remote = address(parts[3]);
        long id;
        try {
            id = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (t == null || local == null || remote == null || id < 0) {
            return null;
        }
        return new Flow(t, local, remote, id);
    }

    /** Where a {@link #source} text points: its transport and address, without a flow; null when malformed. */
    public static Destination sourceDestination(String source) {
        if (source == null) {
            return null;
        }
        int colon = source.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        Transport t = Transport.fromToken(source.substring(0, colon));
        InetSocketAddress a = address(source.substring(colon + 1));
        return t == null || a == null ? null : new Destination(t, a);
    }

    /** {@code host:port} with the host an IP literal (IPv6 in brackets); null when it is not one. */
    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        InetAddress ip = IpLiterals.parse(hostPort.substring(0, colon));
        if (ip == null || port <= 0 || port > 65535) {
            return null;
        }
        return new InetSocketAddress(ip, port);
    }

    private static String hostPort(InetSocketAddress a) {
        String h = IpLiterals.text(a.getAddress());
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ':' + a.getPort();
    }
}
