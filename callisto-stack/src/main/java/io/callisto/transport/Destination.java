package io.callisto.transport;

import java.net.InetSocketAddress;

/**
 * Where to send a request: a transport and a resolved address (RFC 3263 resolution happens before this), and
 * optionally a flow to reuse. When {@code flow} is set and its connection is still open, the message goes over that
 * connection (a peer that connected to us, a registered client behind NAT); otherwise the transport layer uses or
 * opens a connection to {@code address}.
 */
public record Destination(Transport transport, InetSocketAddress address, Flow flow) {

    public Destination(Transport transport, InetSocketAddress address) {
        this(transport, address, null);
    }

    /** A destination that sends back over an existing flow. */
    public static Destination over(Flow flow) {
        return new Destination(flow.transport(), flow.remote(), flow);
    }

    /** The same address with another transport (§18.1.1 switch to TCP for large requests). */
    public Destination withTransport(Transport t) {
        return t == transport ? this : new Destination(t, address, null);
    }

    @Override
    public String toString() {
        return transport.viaToken() + " " + address + (flow != null ? " via " + flow : "");
    }
}
