package io.callisto.media.dtmf;

/**
 * A DTMF digit received as an RFC 4733 event.
 *
 * @param digit          0-9, *, #, A-D
 * @param durationMillis the event's duration as the sender reported it
 */
public record DtmfDigit(char digit, int durationMillis) {
}
