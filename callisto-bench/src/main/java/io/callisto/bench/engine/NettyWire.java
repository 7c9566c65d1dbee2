package io.callisto.bench.engine;

import io.callisto.exec.EventLoopOwners;
import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.sip.message.SipMessage;
import io.callisto.transport.Destination;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.NettyTransportLayer;
import io.callisto.transport.SendListener;
import io.callisto.transport.TransportConfig;
import io.netty.channel.DefaultEventLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@link Wire}: the stack's {@link NettyTransportLayer} (UDP, TCP, TLS; one listening point per local
 * port), with calls running on its I/O event loops, plus one extra event loop for the engine's control work
 * (pacing, intervals) so that it never waits behind I/O.
 */
public final class NettyWire implements RunnableWire {

    private final NettyTransportLayer layer;
    private final DefaultEventLoop controlLoop = new DefaultEventLoop();
    private Owners owners;

    /** A wire over a transport layer built from {@code config} (not started). */
    public NettyWire(TransportConfig config) {
        this.layer = new NettyTransportLayer(config);
    }

    @Override
    public void start() throws IOException {
        layer.start();
        owners = new EventLoopOwners(layer.eventLoopGroup());
    }

    @Override
    public Owner control() {
        return new EventLoopOwners.LoopOwner(controlLoop);
    }

    @Override
    public List<ListeningPoint> localPoints() {
        return layer.listeningPoints();
    }

    @Override
    public Owners owners() {
        return owners;
    }

    @Override
    public void setHandler(InboundHandler handler) {
        layer.setHandler(handler);
    }

    @Override
    public void send(SipMessage message, byte[] bytes, Destination destination, SendListener listener) {
        layer.send(message, destination, listener);
    }

    @Override
    public String ioKind() {
        return layer.ioKind();
    }

    @Override
    public void close() {
        layer.close();
        controlLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
