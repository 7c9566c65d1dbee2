package io.callisto.transport;

import io.callisto.sip.message.SipMessage;

/**
 * Receives every well-formed message the transport layer reads. Requests arrive with the top Via already
 * stamped with {@code received} and {@code rport} (§18.2.1, RFC 3581 §4). Called on a transport I/O thread: the
 * handler hands the message to the owner of its Call-ID.
 */
@FunctionalInterface
public interface InboundHandler {

    void onMessage(SipMessage message, Flow flow);
}
