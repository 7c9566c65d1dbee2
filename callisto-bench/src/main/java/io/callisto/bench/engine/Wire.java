package io.callisto.bench.engine;

import io.callisto.exec.Owners;
import io.callisto.sip.message.SipMessage;
import io.callisto.transport.Destination;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import java.util.List;

/**
 * What the engine sends and receives through: {@link NettyWire} over the stack's transport layer in real runs,
 * a recording fake in tests. Inbound messages are delivered on any thread; the engine hops to the call's owner.
 */
public interface Wire {

    /** The local addresses calls are spread over (one per local port). */
    List<ListeningPoint> localPoints();

    /** The owners calls run on (by Call-ID). */
    Owners owners();

    /** Sets who receives inbound messages; call before messages may arrive. */
    void setHandler(InboundHandler handler);

    /**
     * Sends {@code message}, whose bytes are {@code bytes} (as rendered: a wire may send them as they are), to
     * {@code destination}; failures are reported to {@code listener}.
     */
    void send(SipMessage message, byte[] bytes, Destination destination, SendListener listener);
}
