package io.callisto.transport;

/**
 * A snapshot of a transport layer's counters (all cumulative since start, except {@code connectionsOpen}).
 *
 * @param udpIn                 well-formed messages received over UDP and handed to the handler
 * @param udpOut                messages sent over UDP
 * @param tcpIn                 messages received over TCP and handed to the handler
 * @param tcpOut                messages sent over TCP
 * @param tlsIn                 messages received over TLS and handed to the handler
 * @param tlsOut                messages sent over TLS
 * @param malformedDropped      messages that failed to parse, frame or validate; none of them reached the handler
 * @param oversizeDropped       messages larger than the configured maximum (also counted as malformed)
 * @param badRequestsSent       error responses the transport sent itself for bad requests (400, 505, 513)
 * @param responsesDiscarded    responses whose top Via sent-by is not ours, silently discarded (§18.1.2)
 * @param udpLost               datagrams dropped by the test-only loss hook, received and sent
 * @param sendFailures          sends that failed (no route, connect refused or timed out, write error)
 * @param connectionsOpen       connections open now (both directions)
 * @param connectionsOpened     outbound connections established
 * @param connectionsAccepted   inbound connections accepted
 * @param connectionsRejected   inbound connections refused because maxConnections was reached, and WebSocket
 *                              upgrades refused (not a WebSocket, no subprotocol {@code sip}, RFC 7118 §4.1)
 * @param connectionsClosedIdle connections closed by the idle timeout
 * @param keepAlivePingsSent    CRLFCRLF pings sent on connections we opened (RFC 5626 §4.4.1)
 * @param keepAlivePongsReceived CRLF pongs received
 * @param keepAlivePingsReceived CRLFCRLF pings received (each answered with a pong, RFC 5626 §5.4)
 * @param keepAliveFailures     connections closed because no pong came in time
 * @param wsIn                  messages received over WebSocket (RFC 7118) and handed to the handler
 * @param wsOut                 messages sent over WebSocket
 * @param wssIn                 messages received over secure WebSocket and handed to the handler
 * @param wssOut                messages sent over secure WebSocket
 */
public record TransportStats(long udpIn, long udpOut, long tcpIn, long tcpOut, long tlsIn, long tlsOut,
        long malformedDropped, long oversizeDropped, long badRequestsSent, long responsesDiscarded, long udpLost,
        long sendFailures, long connectionsOpen, long connectionsOpened, long connectionsAccepted,
        long connectionsRejected, long connectionsClosedIdle, long keepAlivePingsSent, long keepAlivePongsReceived,
        long keepAlivePingsReceived, long keepAliveFailures, long wsIn, long wsOut, long wssIn, long wssOut) {

    /** Messages received over a transport and handed to the handler (0 for transports without a listener). */
    public long messagesIn(Transport t) {
        switch (t) {
            case UDP: return udpIn;
            case TCP: return tcpIn;
            case TLS: return tlsIn;
            case WS: return wsIn;
            case WSS: return wssIn;
            default: return 0;
        }
    }

    /** Messages sent over a transport. */
    public long messagesOut(Transport t) {
        switch (t) {
            case UDP: return udpOut;
            case TCP: return tcpOut;
            case TLS: return tlsOut;
            case WS: return wsOut;
            case WSS: return wssOut;
            default: return 0;
        }
    }
}
