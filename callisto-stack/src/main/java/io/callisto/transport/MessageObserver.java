package io.callisto.transport;

import io.callisto.sip.message.SipMessage;

/**
 * Sees every well-formed message the transport layer receives and every message it is asked to send, for
 * metrics and tracing (DESIGN principle 9). Retransmissions are seen each time. Called on I/O threads and on
 * owner threads, so it must be thread-safe, quick and must not modify the message.
 */
public interface MessageObserver {

    /** A parsed inbound message, before the transaction layer sees it. */
    void received(SipMessage message, Flow flow);

    /** A message handed to the transport to send (before the bytes leave). */
    void sent(SipMessage message);

    /** Observes nothing. */
    MessageObserver NONE = new MessageObserver() {
        @Override
        public void received(SipMessage message, Flow flow) {
        }

        @Override
        public void sent(SipMessage message) {
        }
    };
}
