package io.callisto.server.testing;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.TransportLayer;
import java.util.ArrayList;
import java.util.List;

/** A transport that sends nothing: it keeps every response handed to it, written to bytes and parsed again. */
public final class RecordingTransport implements TransportLayer {

    /** The responses sent, as the peer would receive them. */
    public final List<SipResponse> responses = new ArrayList<>();

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
        return destination;
    }

    @Override
    public void send(SipMessage message, Destination destination, SendListener listener) {
        throw new UnsupportedOperationException("the servers under test send no requests");
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        responses.add((SipResponse) SipParser.DEFAULT.parseDatagram(response.toBytes()));
    }

    @Override
    public void close() {
    }
}
