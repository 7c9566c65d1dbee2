package io.callisto.ua;

import io.callisto.sip.message.SipMessage;

/**
 * Something that happened to a call, delivered to {@link CallListener}s on the call's owner thread.
 *
 * @param call    the call
 * @param type    what happened
 * @param state   the call's state after the event
 * @param message the SIP message behind the event (a response, a BYE, an INFO, a re-INVITE), or null when the event
 *                was local (a timeout, a hang-up)
 * @param status  the status code that ended or changed the call (final response, or the code we sent), or 0
 * @param reason  a short human-readable explanation ("cancelled", "remote BYE", "486 Busy Here", ...)
 */
public record CallEvent(Call call, Type type, CallState state, SipMessage message, int status, String reason) {

    /** The kinds of call events. */
    public enum Type {
        /** The call changed state; {@link #state()} is the new one. */
        STATE_CHANGED,
        /** An INFO request arrived in the call (RFC 6086); answered 200 by the stack. */
        INFO_RECEIVED,
        /** A re-INVITE or other target refresh arrived and was accepted. */
        REFRESHED,
        /** Our re-INVITE got a final response ({@link #status()}). */
        REINVITE_COMPLETED,
        /** Our UPDATE (RFC 3311) got a final response ({@link #status()}). */
        UPDATE_COMPLETED
    }
}
