package io.callisto.transport;

/**
 * Outcome of one send. Either method may be called on a transport I/O thread; implementations hop to their owner
 * before touching owned state.
 */
public interface SendListener {

    /** The message was handed to the socket on {@code flow}. */
    default void onSent(Flow flow) {
    }

    /** The message could not be sent (no route, connect refused or timed out, connection closed, TLS failure). */
    void onFailure(Throwable cause);
}
