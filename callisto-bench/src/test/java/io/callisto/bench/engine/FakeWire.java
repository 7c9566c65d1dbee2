package io.callisto.bench.engine;

import io.callisto.exec.Owners;
import io.callisto.exec.VirtualTime;
import io.callisto.sip.message.SipMessage;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A wire on a virtual clock: records what is sent and lets a scripted peer answer (later, never re-entrantly). */
final class FakeWire implements Wire {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5070);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5080);

    final VirtualTime time;
    final List<SipMessage> sent = new ArrayList<>();
    InboundHandler handler;
    BiConsumer<SipMessage, FakeWire> peer = (m, w) -> { };

    FakeWire(VirtualTime time) {
        this.time = time;
    }

    @Override
    public List<ListeningPoint> localPoints() {
        return List.of(new ListeningPoint(Transport.UDP, LOCAL, null));
    }

    @Override
    public Owners owners() {
        return time;
    }

    @Override
    public void setHandler(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public void send(SipMessage message, byte[] bytes, Destination destination, SendListener listener) {
        SipMessage copy = io.callisto.sip.message.SipParser.DEFAULT.parseDatagram(bytes);
        sent.add(copy);
        time.execute(() -> peer.accept(copy, this));
    }

    /** Delivers {@code m} from the peer after {@code delayMs}. */
    void deliver(SipMessage m, long delayMs) {
        SipMessage copy = io.callisto.sip.message.SipParser.DEFAULT.parseDatagram(m.toBytes());
        time.schedule(delayMs, () -> handler.onMessage(copy, new Flow(Transport.UDP, LOCAL, PEER, 0)));
    }

    long count(String startLinePrefix) {
        return sent.stream().filter(m -> m.startLine().startsWith(startLinePrefix)).count();
    }
}
