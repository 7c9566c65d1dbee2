package io.callisto.transport.internal;

import io.callisto.sip.message.SipParser;

/**
 * What every TCP/TLS connection handler shares: the parser its framer uses, the inbound processor, the
 * connection table, counters and limits.
 *
 * @param parser                 parses framed messages (its limits bound the framer)
 * @param processor              validates and delivers messages
 * @param table                  the connection table
 * @param counters               the layer's counters
 * @param maxConnections         most open connections; inbound ones beyond it are refused
 * @param idleMillis             idle time before a connection is closed, 0 = never
 * @param keepAliveMillis        ping interval on connections we opened, 0 = off
 * @param keepAliveTimeoutMillis wait for a pong before the flow counts as failed
 * @param handshakeMillis        TLS handshake timeout
 */
public record StreamContext(SipParser parser, InboundProcessor processor, ConnectionTable table, Counters counters,
        int maxConnections, long idleMillis, long keepAliveMillis, long keepAliveTimeoutMillis,
        long handshakeMillis) {

    /** Takes one slot of the open-connections gauge if the limit allows; false when full. */
    public boolean tryOpenSlot() {
        while (true) {
            int n = counters.connectionsOpen.get();
            if (n >= maxConnections) {
                return false;
            }
            if (counters.connectionsOpen.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A connection closed or failed to open: forget it and release its slot. */
    public void closed(Connection c) {
        table.remove(c);
        if (c.uncount()) {
            counters.connectionsOpen.decrementAndGet();
        }
        KeepAlive k = c.keepAlive;
        if (k != null) {
            k.stop();
        }
    }
}
