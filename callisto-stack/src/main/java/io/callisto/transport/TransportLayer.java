package io.callisto.transport;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;

/**
 * The transport layer's contract with the transaction layer (RFC 3261 §18). Implementations: the Netty transports
 * ({@code NettyTransportLayer}) and in-memory ones for tests. All methods may be called from any thread.
 */
public interface TransportLayer extends AutoCloseable {

    /** The bound listening points, in configuration order. */
    List<ListeningPoint> listeningPoints();

    /** Sets the receiver of inbound messages. Must be called before {@link #start()}. */
    void setHandler(InboundHandler handler);

    /** Sets who sees every message received and sent ({@link MessageObserver#NONE} by default). */
    default void setObserver(MessageObserver observer) {
    }

    /** Binds every configured listening point. */
    void start() throws java.io.IOException;

    /**
     * Prepares a request for sending (§18.1.1): picks the transport, switching from UDP to TCP when the request
     * is within 200 bytes of the path MTU (1300 bytes for an unknown MTU) and a TCP listening point exists, and
     * writes the top Via's transport and sent-by from the listening point that will send it (the branch and other
     * parameters are kept). Returns the destination actually to be used; retransmissions reuse it.
     */
    Destination prepare(SipRequest request, Destination destination);

    /** Sends a message to a destination; {@code listener} may be null. */
    void send(SipMessage message, Destination destination, SendListener listener);

    /**
     * Sends a response following §18.2.2 and RFC 3581 §4: over the request's connection when it is still open
     * (reliable transports), else to {@code received}/{@code rport} or {@code maddr} or sent-by of the top Via.
     * {@code requestFlow} is the flow the request arrived on, or null when unknown (stateless forwarding).
     */
    void sendResponse(SipResponse response, Flow requestFlow, SendListener listener);

    /**
     * Like {@link #sendResponse(SipResponse, Flow, SendListener)}, with the response already written as {@code bytes}
     * (which are sent as they are): a server transaction keeps those bytes to send again, and the response is not
     * written twice.
     */
    default void sendResponse(SipResponse response, byte[] bytes, Flow requestFlow, SendListener listener) {
        sendResponse(response, requestFlow, listener);
    }

    /** Closes every socket and connection. */
    @Override
    void close();
}
