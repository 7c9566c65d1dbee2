package io.callisto.ua;

import io.callisto.exec.VirtualTime;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportLayer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory UDP network on a {@link VirtualTime} clock for deterministic UA tests: every message is written to
 * bytes and parsed again on delivery, delivery is queued on the virtual owner, and a filter can drop messages.
 */
public final class MemoryNetwork {

    public final VirtualTime time = new VirtualTime();
    private final Map<InetSocketAddress, Endpoint> endpoints = new HashMap<>();
    /** Every message put on the wire, in order, as text. */
    public final List<String> wire = new ArrayList<>();
    /** Returns true for messages to drop (after they are logged on the wire with a "DROPPED " prefix). */
    public Predicate<SipMessage> drop = m -> false;

    public Endpoint endpoint(int port) {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Endpoint e = new Endpoint(a);
        endpoints.put(a, e);
        return e;
    }

    private void deliver(SipMessage m, InetSocketAddress from, InetSocketAddress to) {
        byte[] bytes = m.toBytes();
        SipMessage copy = SipParser.DEFAULT.parseDatagram(bytes);
        boolean dropped = drop.test(copy);
        wire.add((dropped ? "DROPPED " : "") + copy.startLine());
        Endpoint target = endpoints.get(to);
        if (dropped || target == null) {
            return;
        }
        time.execute(() -> target.handler.onMessage(copy,
                new Flow(Transport.UDP, to, from, 0)));
    }

    /** Count of wire lines that start with {@code prefix} (e.g. "INVITE", "SIP/2.0 200"). */
    public long count(String prefix) {
        return wire.stream().filter(s -> s.startsWith(prefix)).count();
    }

    public final class Endpoint implements TransportLayer {
        final InetSocketAddress address;
        InboundHandler handler;

        Endpoint(InetSocketAddress address) {
            this.address = address;
        }

        @Override
        public List<ListeningPoint> listeningPoints() {
            return List.of(new ListeningPoint(Transport.UDP, address, null));
        }

        @Override
        public void setHandler(InboundHandler handler) {
            this.handler = handler;
        }

        @Override
        public void start() {
        }

        @Override
        public Destination prepare(SipRequest request, Destination destination) {
            Via top = request.removeFirst(Headers.VIA);
            request.addFirst(Headers.VIA, Via.of("UDP", "127.0.0.1", address.getPort(), top.branch()));
            return destination;
        }

        @Override
        public void send(SipMessage message, Destination destination, SendListener listener) {
            deliver(message, address, destination.address());
            if (listener != null) {
                listener.onSent(new Flow(Transport.UDP, address, destination.address(), 0));
            }
        }

        @Override
        public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
            Via v = response.topVia();
            InetSocketAddress to = requestFlow != null ? requestFlow.remote()
                    : new InetSocketAddress(InetAddress.getLoopbackAddress(), v.port());
            deliver(response, address, to);
        }

        @Override
        public void close() {
        }
    }
}
