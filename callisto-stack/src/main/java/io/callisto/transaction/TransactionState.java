package io.callisto.transaction;

/** The states of the four RFC 3261 §17 machines, with Accepted from RFC 6026 §7.1 and §7.2. */
public enum TransactionState {
    /** INVITE client before any response (Figure 5). */
    CALLING,
    /** Non-INVITE client or server before any response (Figures 6 and 8). */
    TRYING,
    PROCEEDING,
    COMPLETED,
    /** INVITE server after ACK for a non-2xx final response (Figure 7). */
    CONFIRMED,
    /** INVITE client or server after a 2xx (RFC 6026). */
    ACCEPTED,
    TERMINATED
}
