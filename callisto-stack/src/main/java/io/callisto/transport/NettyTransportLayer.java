package io.callisto.transport;

import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.internal.ConnectionTable;
import io.callisto.transport.internal.Counters;
import io.callisto.transport.internal.InboundProcessor;
import io.callisto.transport.internal.IoKind;
import io.callisto.transport.internal.LocalPoints;
import io.callisto.transport.internal.LossHook;
import io.callisto.transport.internal.Notify;
import io.callisto.transport.internal.RequestPreparer;
import io.callisto.transport.dns.ServerLocator;
import io.callisto.transport.internal.Resolver;
import io.callisto.transport.internal.ResponseTarget;
import io.callisto.transport.internal.StreamContext;
import io.callisto.transport.internal.Streams;
import io.callisto.transport.internal.UdpEndpoint;
import io.callisto.transport.tls.TlsContexts;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport layer on Netty (RFC 3261 §18): UDP, TCP, TLS, WS and WSS (RFC 7118, inbound connections only)
 * and SCTP (RFC 4168, where the host supports it) listening points, outbound TCP and TLS connections shared
 * with inbound ones through one connection table, received/rport stamping (§18.2.1, RFC 3581), the sent-by check
 * on responses (§18.1.2), response routing (§18.2.2), CRLF keep-alives (RFC 5626 §4.4.1) and the limits that keep
 * it safe on the open internet. Uses native epoll when available, NIO otherwise. See docs/transport.md.
 *
 * <p>All methods may be called from any thread and never block, except {@link #start()} and {@link #close()}.
 * Inbound messages reach the {@link InboundHandler} on an I/O thread.
 */
public final class NettyTransportLayer implements TransportLayer {

    private static final Logger log = LoggerFactory.getLogger(NettyTransportLayer.class);
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CLOSED = 2;

    private final TransportConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final IoKind io;
    private final Counters counters = new Counters();
    private final ConnectionTable connections = new ConnectionTable();
    private final InboundProcessor processor;
    private volatile MessageObserver observer = MessageObserver.NONE;
    private final LossHook loss;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final List<UdpEndpoint> udp = new CopyOnWriteArrayList<>();
    private final List<Channel> listeners = new CopyOnWriteArrayList<>();
    private volatile LocalPoints points;
    private volatile Streams streams;
    private volatile ServerLocator locator;

    /** A layer with its own event-loop group of {@link TransportConfig#ioThreads()} threads, shut down on close. */
    public NettyTransportLayer(TransportConfig config) {
        this(config, null);
    }

    /**
     * A layer running on an existing group (e.g. the one whose loops are the stack's owners). The caller owns the
     * group: {@link #close()} closes the sockets but does not shut the group down. A null group means "create
     * one".
     */
    public NettyTransportLayer(TransportConfig config, EventLoopGroup group) {
        this.config = Objects.requireNonNull(config, "config");
        if (group == null) {
            this.io = IoKind.choose(config.nativeTransport());
            this.group = io.newGroup(config.ioThreads());
            this.ownsGroup = true;
        } else {
            this.io = IoKind.of(group);
            this.group = group;
            this.ownsGroup = false;
        }
        this.processor = new InboundProcessor(new SipParser(config.parserLimits()), counters);
        this.loss = config.udpLossRate() > 0 ? new LossHook(config.udpLossRate(), config.udpLossSeed())
                : LossHook.NONE;
        this.points = new LocalPoints(config.listeningPoints());
    }

    /** The configuration this layer runs with. */
    public TransportConfig config() {
        return config;
    }

    /** The event-loop group the sockets run on (shared or owned). */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /**
     * The RFC 3263 locator of this layer, asking DNS from one of its event loops with {@link TransportConfig#dns()};
     * created at {@link #start()} (or on first use before), closed with the layer.
     */
    public ServerLocator locator() {
        ServerLocator l = locator;
        if (l == null) {
            synchronized (this) {
                l = locator;
                if (l == null) {
                    l = ServerLocator.create(config.dns(), group);
                    locator = l;
                }
            }
        }
        return l;
    }

    /** "EPOLL" or "NIO": the I/O flavour in use. */
    public String ioKind() {
        return io.name();
    }

    /** A snapshot of the counters. */
    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Before {@link #start()}: the configured points; after: the bound ones (actual ports). */
    @Override
    public List<ListeningPoint> listeningPoints() {
        return points.all();
    }

    @Override
    public void setHandler(InboundHandler handler) {
        processor.setHandler(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public void setObserver(MessageObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        processor.setObserver(observer);
    }

    @Override
    public void start() throws IOException {
        if (!state.compareAndSet(NEW, STARTED)) {
            throw new IllegalStateException("already started or closed");
        }
        try {
            boolean tlsListener = config.listeningPoints().stream().anyMatch(lp -> lp.transport().secure());
            SslContext serverSsl = tlsListener ? TlsContexts.server(config.tls()) : null;
            SslContext clientSsl = TlsContexts.client(config.tls());
            StreamContext sc = new StreamContext(processor.parser(), processor, connections, counters,
                    config.maxConnections(), config.idleTimeout().toMillis(), config.keepAliveInterval().toMillis(),
                    config.keepAliveTimeout().toMillis(), config.connectTimeout().toMillis());
            streams = new Streams(sc, io, group, serverSsl, clientSsl, config.connectTimeout().toMillis());
            List<ListeningPoint> configured = config.listeningPoints();
            InetSocketAddress[] at = new InetSocketAddress[configured.size()];
            for (int i = 0; i < at.length; i++) { // UDP first: TCP on port 0 then takes the same port
                ListeningPoint lp = configured.get(i);
                if (lp.transport() == Transport.UDP) {
                    UdpEndpoint ep = UdpEndpoint.bind(io, group, lp.address(), config.udpReceiveBuffer(), processor,
                            counters, loss);
                    udp.add(ep);
                    at[i] = ep.local();
                }
            }
            for (int i = 0; i < at.length; i++) {
                ListeningPoint lp = configured.get(i);
                if (lp.transport() != Transport.UDP) {
                    Channel ch = bindStream(lp, configured, at);
                    listeners.add(ch);
                    at[i] = (InetSocketAddress) ch.localAddress();
                }
            }
            List<ListeningPoint> bound = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                ListeningPoint lp = configured.get(i);
                bound.add(new ListeningPoint(lp.transport(), at[i], lp.advertisedHost()));
            }
            points = new LocalPoints(bound);
            processor.setPoints(points);
            log.info("transport started ({}): {}", io, bound);
            try {
                locator(); // now, on the caller's thread: it reads resolv.conf and /etc/hosts once
            } catch (RuntimeException e) {
                log.warn("DNS resolver not ready, will retry on first use: {}", e.toString());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Binds a TCP, TLS, WS or WSS point. A TCP point on port 0 first tries the port its UDP twin (same configured address,
     * also port 0) was given, since a server listening for UDP on a port must listen for TCP on it too (§18.2.1:
     * a request may switch to TCP for size); when that port is taken, any free port does.
     */
    private Channel bindStream(ListeningPoint lp, List<ListeningPoint> configured, InetSocketAddress[] at)
            throws IOException {
        if (lp.transport() == Transport.TCP && lp.port() == 0) {
            for (int j = 0; j < at.length; j++) {
                ListeningPoint twin = configured.get(j);
                if (twin.transport() == Transport.UDP && twin.address().equals(lp.address()) && at[j] != null) {
                    try {
                        return streams.bind(Transport.TCP, at[j]);
                    } catch (IOException e) {
                        log.debug("TCP port {} taken, binding an ephemeral one: {}", at[j].getPort(), e.toString());
                    }
                }
            }
        }
        return streams.bind(lp.transport(), lp.address());
    }

    @Override
    public Destination prepare(SipRequest request, Destination destination) {
        return RequestPreparer.prepare(request, destination, points, id -> connections.byId(id) != null);
    }

    @Override
    public void send(SipMessage message, Destination destination, SendListener listener) {
        try {
            observer.sent(message);
            byte[] bytes = message.toBytes();
            if (!running(listener)) {
                return;
            }
            Flow f = destination.flow();
            if (f != null && f.connected() && streams.sendOver(f.connectionId(), bytes, listener)) {
                return;
            }
            Transport t = destination.transport();
            if (t == Transport.UDP) {
                UdpEndpoint ep = f != null && !f.connected() ? udpAt(f.local()) : null;
                ep = ep != null ? ep : udpFor(destination.address());
                if (ep == null) {
                    fail(listener, new IOException("no UDP listening point for " + destination.address()));
                } else {
                    ep.send(bytes, destination.address(), listener);
                }
            } else if (t == Transport.TCP || t == Transport.TLS || t == Transport.WS || t == Transport.WSS
                    || t == Transport.SCTP) {
                ListeningPoint lp = points.pick(t, destination.address());
                streams.send(bytes, t, destination.address(), lp != null ? lp.address() : null, listener);
            } else {
                fail(listener, new IOException("transport " + t + " is not supported"));
            }
        } catch (RuntimeException e) {
            fail(listener, e);
        }
    }

    @Override
    public void sendResponse(SipResponse response, Flow requestFlow, SendListener listener) {
        byte[] bytes;
        try {
            bytes = response.toBytes();
        } catch (RuntimeException e) {
            fail(listener, e);
            return;
        }
        sendResponse(response, bytes, requestFlow, listener);
    }

    @Override
    public void sendResponse(SipResponse response, byte[] bytes, Flow requestFlow, SendListener listener) {
        try {
            observer.sent(response);
            if (!running(listener)) {
                return;
            }
            if (requestFlow != null && requestFlow.connected()
                    && streams.sendOver(requestFlow.connectionId(), bytes, listener)) {
                return; // §18.2.2: the connection the request came on, while it is open
            }
            Via via = response.topVia();
            ResponseTarget target = via == null ? null : ResponseTarget.of(via);
            if (target == null) {
                fail(listener, new IOException("no usable top Via to route the response: " + via));
                return;
            }
            if (target.transport() == Transport.WS || target.transport() == Transport.WSS) {
                // RFC 7118 §5.3: a response to a WebSocket client goes only over the connection the request came on
                fail(listener, new IOException(Streams.noWebSocket(target.transport(),
                        requestFlow != null ? String.valueOf(requestFlow.remote()) : via.toString())));
                return;
            }
            // RFC 3263 §5: a sent-by name without port is looked up by SRV
            boolean portGiven = via.port() >= 0 || !target.host().equals(via.host());
            Resolver.resolve(locator(), target, portGiven,
                    to -> sendResponseTo(bytes, target.transport(), to, requestFlow, listener),
                    cause -> fail(listener, cause));
        } catch (RuntimeException e) {
            fail(listener, e);
        }
    }

    private void sendResponseTo(byte[] bytes, Transport t, InetSocketAddress to, Flow requestFlow,
            SendListener listener) {
        if (t == Transport.UDP) {
            // RFC 3581 §4: from the socket the request arrived on, so that symmetric NATs pass it
            UdpEndpoint ep = requestFlow != null && requestFlow.transport() == Transport.UDP
                    ? udpAt(requestFlow.local()) : null;
            ep = ep != null ? ep : udpFor(to);
            if (ep == null) {
                fail(listener, new IOException("no UDP listening point for " + to));
            } else {
                ep.send(bytes, to, listener);
            }
        } else {
            ListeningPoint lp = points.pick(t, to);
            streams.send(bytes, t, to, lp != null ? lp.address() : null, listener);
        }
    }

    private UdpEndpoint udpAt(InetSocketAddress local) {
        for (UdpEndpoint ep : udp) {
            if (ep.local().equals(local)) {
                return ep;
            }
        }
        return null;
    }

    private UdpEndpoint udpFor(InetSocketAddress to) {
        ListeningPoint lp = points.pick(Transport.UDP, to);
        return lp == null ? null : udpAt(lp.address());
    }

    private boolean running(SendListener listener) {
        if (state.get() == STARTED && streams != null) {
            return true;
        }
        fail(listener, new IllegalStateException(state.get() == NEW ? "transport not started" : "transport closed"));
        return false;
    }

    private void fail(SendListener listener, Throwable cause) {
        counters.sendFailures.increment();
        Notify.failed(listener, cause);
    }

    /**
     * Closes every socket and connection, waiting up to a few seconds for them to close (not when called from
     * one of the group's threads), then shuts down the group if this layer created it. Idempotent.
     */
    @Override
    public void close() {
        if (state.getAndSet(CLOSED) == CLOSED) {
            return;
        }
        List<Future<?>> closing = new ArrayList<>();
        ServerLocator l = locator;
        if (l != null) {
            l.close();
        }
        for (UdpEndpoint ep : udp) {
            closing.add(ep.close());
        }
        for (Channel ch : listeners) {
            closing.add(ch.close());
        }
        Streams s = streams;
        for (var c : connections.all()) {
            c.close();
            if (c.channel() != null) {
                closing.add(c.channel().closeFuture());
            }
        }
        boolean mayWait = true;
        for (EventExecutor e : group) {
            mayWait &= !e.inEventLoop();
        }
        if (mayWait) {
            for (Future<?> f : closing) {
                f.awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        }
        if (s != null) {
            Future<?> f = s.shutdownSctp();
            if (mayWait) {
                f.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        if (ownsGroup) {
            Future<?> f = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            if (mayWait) {
                f.awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        log.info("transport closed");
    }
}
