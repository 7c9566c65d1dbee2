package io.callisto.transport.internal;

import io.callisto.sip.header.Via;
import io.callisto.transport.Transport;

/**
 * Where a response goes when it cannot go back over the request's connection (RFC 3261 §18.2.2 with RFC 3581
 * §4's added step). The host is as written (an IP literal or a name still to resolve).
 *
 * @param transport the Via's sent-protocol transport
 * @param host      the host to send to
 * @param port      the port to send to
 */
public record ResponseTarget(Transport transport, String host, int port) {

    /** The target for a response whose top Via is {@code via}; null when the Via names no transport we know. */
    public static ResponseTarget of(Via via) {
        Transport t = Transport.fromToken(via.transport());
        if (t == null) {
            return null;
        }
        int sentByPort = via.port() >= 0 ? via.port() : t.defaultPort();
        String received = via.received();
        if (received != null && received.isEmpty()) {
            received = null;
        }
        if (t.reliable()) {
            // §18.2.2 bullet 1: a new connection to received (else sent-by) and the sent-by port
            return new ResponseTarget(t, received != null ? received : via.host(), sentByPort);
        }
        String maddr = via.maddr();
        if (maddr != null && !maddr.isEmpty()) {
            return new ResponseTarget(t, maddr, sentByPort); // bullet 2 (TTL for multicast is not applied)
        }
        int rport = via.rport();
        if (received != null && rport > 0) {
            return new ResponseTarget(t, received, rport); // RFC 3581 §4
        }
        if (received != null) {
            return new ResponseTarget(t, received, sentByPort); // bullet 3
        }
        return new ResponseTarget(t, via.host(), sentByPort); // bullet 4 (RFC 3263 §5 is the caller's business)
    }
}
