package io.callisto.transport.internal;

import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.message.Verdict;
import io.callisto.sip.parse.ParseError;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.MessageObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to every message read from any socket, before the handler sees it: validation, the 400 for a bad
 * request, the received/rport stamp on requests (§18.2.1, RFC 3581 §4), the sent-by check on responses (§18.1.2),
 * counting. Runs on the I/O thread that read the message; stateless apart from the counters, so one instance
 * serves every channel. Nothing thrown by parsing, validation or the handler escapes.
 */
public final class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

    /** Sends an error response back the way the bad request came (same socket, same connection). */
    @FunctionalInterface
    public interface Responder {
        /** Sends {@code response} towards the request's source. */
        void reply(SipResponse response);
    }

    private final SipParser parser;
    private final int maxMessageSize;
    private final int maxHeaderLines;
    private final Counters counters;
    private volatile LocalPoints points;
    private volatile InboundHandler handler;
    private volatile MessageObserver observer = MessageObserver.NONE;

    /** A processor parsing with {@code parser}, whose limits also bound what it accepts. */
    public InboundProcessor(SipParser parser, Counters counters) {
        this.parser = parser;
        this.maxMessageSize = parser.limits().maxMessageSize();
        this.maxHeaderLines = parser.limits().maxHeaders();
        this.counters = counters;
    }

    /** The parser datagrams are read with (its limits also bound stream framing). */
    public SipParser parser() {
        return parser;
    }

    /** Sets the listening points used by the §18.1.2 check (once bound). */
    public void setPoints(LocalPoints points) {
        this.points = points;
    }

    /** Sets who sees every well-formed message before the handler. */
    public void setObserver(MessageObserver observer) {
        this.observer = observer;
    }

    /** Sets the receiver of well-formed messages. */
    public void setHandler(InboundHandler handler) {
        this.handler = handler;
    }

    /** One UDP datagram ({@code b} is owned by the message from now on). */
    public void onDatagram(byte[] b, Flow flow, Responder responder) {
        if (isKeepAlive(b)) {
            return; // a bare CRLF keep-alive on UDP: nothing to answer (RFC 5626 uses STUN there)
        }
        if (b.length > maxMessageSize) {
            counters.oversize.increment();
            reject(b, flow, responder, 513, "Message Too Large (" + b.length + " > " + maxMessageSize + " bytes)");
            return;
        }
        SipMessage m;
        try {
            m = parser.parseDatagram(b);
        } catch (ParseError e) {
            if (isOversize(e)) {
                counters.oversize.increment();
            }
            reject(b, flow, responder, 400, e.reasonPhrase());
            return;
        }
        accept(m, flow, responder);
    }

    /** One message framed from a stream by its connection's {@code StreamFramer}. */
    public void onStreamMessage(SipMessage m, Flow flow, Responder responder) {
        accept(m, flow, responder);
    }

    /** A framing error on a stream: counted here, the caller closes the connection. */
    public void onFramingError(ParseError e, Flow flow) {
        counters.malformed.increment();
        if (isOversize(e)) {
            counters.oversize.increment();
        }
        log.debug("framing error on {}: {}; closing the connection", flow, e.getMessage());
    }

    private void accept(SipMessage m, Flow flow, Responder responder) {
        try {
            Verdict v = MessageValidator.validateForProcessing(m);
            if (!v.valid()) {
                counters.malformed.increment();
                String why = v.header() != null && !v.error().contains(v.header())
                        ? v.error() + " in " + v.header() : v.error();
                log.debug("invalid {} from {}: {}", m.isRequest() ? "request" : "response", flow, why);
                if (m instanceof SipRequest r) {
                    send(BadRequests.forMessage(r, v.status() > 0 ? v.status() : 400, why), flow, responder);
                }
                return;
            }
            if (m instanceof SipRequest r) {
                ViaStamper.stamp(r, flow.remote());
            } else {
                LocalPoints lp = points; // null while start() is still binding: nothing can be ours yet
                if (lp == null || !lp.isOurSentBy(m.topVia())) {
                    counters.responsesDiscarded.increment();
                    log.debug("response from {} with foreign top Via {} discarded (§18.1.2)", flow, m.topVia());
                    return;
                }
            }
        } catch (RuntimeException e) {
            counters.malformed.increment();
            log.debug("message from {} dropped: {}", flow, e.toString());
            return;
        }
        deliver(m, flow);
    }

    private void deliver(SipMessage m, Flow flow) {
        InboundHandler h = handler;
        if (h == null) {
            log.debug("no handler: message from {} dropped", flow);
            return;
        }
        counters.received(flow.transport());
        try {
            observer.received(m, flow);
            h.onMessage(m, flow);
        } catch (RuntimeException e) {
            log.warn("inbound handler failed on a message from {}", flow, e);
        }
    }

    /** A datagram that did not parse: counted, answered when it is a request that can be answered. */
    private void reject(byte[] b, Flow flow, Responder responder, int status, String reason) {
        counters.malformed.increment();
        log.debug("malformed datagram from {}: {}", flow, reason);
        SipResponse r;
        try {
            r = BadRequests.forBytes(b, b.length, maxHeaderLines, status, reason);
        } catch (RuntimeException e) {
            r = null;
        }
        send(r, flow, responder);
    }

    private void send(SipResponse r, Flow flow, Responder responder) {
        if (r == null) {
            return;
        }
        counters.badRequestsSent.increment(); // before the write: whoever reads the answer sees the count
        try {
            responder.reply(r);
        } catch (RuntimeException e) {
            log.debug("cannot answer a bad request from {}: {}", flow, e.toString());
        }
    }

    private static boolean isKeepAlive(byte[] b) {
        for (byte x : b) {
            if (x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isOversize(ParseError e) {
        String r = e.reason();
        return r != null && r.contains("larger than");
    }
}
