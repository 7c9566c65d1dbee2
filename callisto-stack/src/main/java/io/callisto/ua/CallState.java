package io.callisto.ua;

/**
 * Where a call stands, for both directions.
 * <ul>
 *   <li>{@link #TRYING}: the INVITE is sent (outgoing) or received and not yet answered with a provisional
 *       (incoming).</li>
 *   <li>{@link #RINGING}: a 180 was received (outgoing) or sent (incoming).</li>
 *   <li>{@link #EARLY}: another provisional with a dialog, typically 183 Session Progress with early media.</li>
 *   <li>{@link #CONFIRMED}: a 2xx was received and ACKed (outgoing) or sent and its ACK received (incoming).</li>
 *   <li>{@link #TERMINATED}: ended by BYE, CANCEL, a failure response, a timeout or rejection.</li>
 * </ul>
 */
public enum CallState {
    TRYING,
    RINGING,
    EARLY,
    CONFIRMED,
    TERMINATED;

    /** True for the states before the call is answered. */
    public boolean isPending() {
        return this == TRYING || this == RINGING || this == EARLY;
    }
}
