package io.callisto.server.proxy.internal;

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
import java.net.InetSocketAddress;
import java.util.List;

/** A transport that only reports listening points (for the classes that ask what "this proxy" is). */
final class FakeTransport implements TransportLayer {

    private final List<ListeningPoint> points;

    FakeTransport(ListeningPoint... points) {
        this.points = List.of(points);
    }

    static ListeningPoint point(Transport t, String ip, int port, String advertised) {
        return new ListeningPoint(t, new InetSocketAddress(ip, port), advertised);
    }

    @Override
    public List<ListeningPoint> listeningPoints() {
        return points;
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
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
