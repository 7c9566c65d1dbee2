package io.callisto.transport;

import java.net.InetSocketAddress;

/**
 * The path a message arrived on or left by: transport, our local address, the peer's address, and for
 * connection-oriented transports the connection's identity (RFC 5626 §3 calls this a flow). UDP flows have
 * {@code connectionId == 0}; a TCP/TLS flow names one connection, so a response or a later request can be sent
 * back over exactly that connection (§18.2.2, RFC 5626 §5.3).
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote, long connectionId) {

    /** True for a flow bound to one connection. */
    public boolean connected() {
        return connectionId != 0;
    }

    @Override
    public String toString() {
        return transport.viaToken() + " " + local + " <-> " + remote + (connectionId != 0 ? " #" + connectionId : "");
    }
}
