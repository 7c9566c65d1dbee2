package io.callisto.transaction;

import io.callisto.exec.Scheduler;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * A transport layer that sends nothing: it records every request and response handed to it, with the virtual time
 * of the hand-over, and can be told to switch transports in {@code prepare} or to fail sends.
 */
final class RecordingTransport implements TransportLayer {

    /** One {@link #send} call. */
    record Sent(SipMessage message, Destination destination, SendListener listener, long at) {
        SipRequest request() {
            return (SipRequest) message;
        }
    }

    /** One {@link #sendResponse} call. */
    record SentResponse(SipResponse response, Flow flow, SendListener listener, long at) {
    }

    private final Scheduler clock;
    final List<Sent> sent = new ArrayList<>();
    final List<SentResponse> responses = new ArrayList<>();
    final List<Destination> prepared = new ArrayList<>();
    /** When set, {@link #prepare} moves the request to this transport (as §18.1.1 does for large requests). */
    Transport switchTo;
    /** When set, every send fails at once, inside the call, with this cause. */
    RuntimeException failSends;

    RecordingTransport(Scheduler clock) {
        this.clock = clock;
    }

    /** Requests sent with this method, in order. */
    List<Sent> requests(String method) {
        List<Sent> out = new ArrayList<>();
        for (Sent s : sent) {
            if (s.message() instanceof SipRequest r && r.isMethod(method)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The virtual times at which requests with this method were sent. */
    List<Long> times(String method) {
        return requests(method).stream().map(Sent::at).toList();
    }

    /** The virtual times at which responses with this status were sent. */
    List<Long> responseTimes(int status) {
        return responses.stream().filter(r -> r.response().status() == status).map(SentResponse::at).toList();
    }

    SentResponse lastResponse() {
        return responses.get(responses.size() - 1);
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return List.of();
    }

    @Override
    public void setHandler(InboundHandler handler) {
    }

    @Override
    public void start() {
    }

    @Override
    public Destination prepare(SipRequest request, Destination destination) {
        prepared.add(destination);
        return switchTo == null ? destination : destination.withTransport(switchTo);
    }

    @Override
    public void send(SipMessage message, Destination destination, SendListener listener) {
        sent.add(new Sent(message, destination, listener, clock.nowMillis()));
        if (failSends != null && listener != null) {
            listener.onFailure(failSends);
        }
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        responses.add(new SentResponse(response, requestFlow, listener, clock.nowMillis()));
        if (failSends != null && listener != null) {
            listener.onFailure(failSends);
        }
    }

    @Override
    public void close() {
    }
}
