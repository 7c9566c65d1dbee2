package io.callisto.transport.internal;

import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.sctp.SctpChannelOption;
import io.netty.channel.sctp.nio.NioSctpChannel;
import io.netty.channel.sctp.nio.NioSctpServerChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection-oriented side of the transport layer: listening sockets for TCP, TLS, WS, WSS and SCTP, and outbound
 * connections opened on demand and shared through the {@link ConnectionTable} (§18, §18.1.1: a request to an
 * address with an open connection uses it).
 */
public final class Streams {

    private static final Logger log = LoggerFactory.getLogger(Streams.class);

    private final StreamContext context;
    private final IoKind io;
    private final EventLoopGroup group;
    private final SslContext serverSsl;
    private final SslContext clientSsl;
    private final int connectMillis;
    /** NIO loops for SCTP channels (RFC 4168), made on first use; null until then. */
    private EventLoopGroup sctpGroup;

    /**
     * @param serverSsl context for TLS listening points, or null when there are none
     * @param clientSsl context for TLS connections we open, or null when TLS is not used
     */
    public Streams(StreamContext context, IoKind io, EventLoopGroup group, SslContext serverSsl,
            SslContext clientSsl, long connectMillis) {
        this.context = context;
        this.io = io;
        this.group = group;
        this.serverSsl = serverSsl;
        this.clientSsl = clientSsl;
        this.connectMillis = (int) Math.min(Integer.MAX_VALUE, connectMillis);
    }

    /** Binds a TCP, TLS, WS, WSS or SCTP listening socket; blocks until bound. Returns the bound channel. */
    public Channel bind(Transport t, InetSocketAddress address) throws IOException {
        if (t == Transport.SCTP) {
            return bindSctp(address);
        }
        if (t.secure() && serverSsl == null) {
            throw new IOException(t.viaToken() + " listening point " + address + " has no certificate");
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(io.server())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new StreamInitializer(t, false, t.secure() ? serverSsl : null, context));
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind " + t.viaToken() + " " + address + ": " + f.cause(), f.cause());
        }
        return f.channel();
    }

    /**
     * RFC 4168: an SCTP listening point (one-to-one style associations, like TCP connections). SCTP channels are NIO
     * channels, so they run on a loop group of their own, created on first use.
     */
    private Channel bindSctp(InetSocketAddress address) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(sctpGroup(), sctpGroup())
                .channel(NioSctpServerChannel.class)
                .childOption(SctpChannelOption.SCTP_NODELAY, true)
                .childHandler(new StreamInitializer(Transport.SCTP, false, null, context));
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind SCTP " + address + ": " + f.cause(), f.cause());
        }
        return f.channel();
    }

    private synchronized EventLoopGroup sctpGroup() throws IOException {
        String why = SctpSupport.unavailableReason();
        if (why != null) {
            throw new IOException(why);
        }
        if (sctpGroup == null) {
            sctpGroup = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory("callisto-sctp", true),
                    NioIoHandler.newFactory());
        }
        return sctpGroup;
    }

    /** Shuts down the SCTP loop group, if one was made; the returned future completes when it has. */
    public Future<?> shutdownSctp() {
        EventLoopGroup g;
        synchronized (this) {
            g = sctpGroup;
        }
        return g == null ? ImmediateEventExecutor.INSTANCE.newSucceededFuture(null)
                : g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }

    /** Sends over the connection with this id when it is open; false when it is not. */
    public boolean sendOver(long connectionId, byte[] bytes, SendListener l) {
        Connection c = context.table().byId(connectionId);
        if (c == null) {
            return false;
        }
        c.write(bytes, l);
        return true;
    }

    /**
     * Sends to a far end over an open connection, or opens one (from {@code localIp}'s address when given, an
     * ephemeral port in any case) and sends once it is up.
     */
    public void send(byte[] bytes, Transport t, InetSocketAddress remote, InetSocketAddress localIp,
            SendListener l) {
        if (t == Transport.WS || t == Transport.WSS) {
            sendToWebSocket(bytes, t, remote, l);
            return;
        }
        if (t == Transport.TLS && clientSsl == null) {
            context.counters().sendFailures.increment();
            Notify.failed(l, new IOException("TLS is not configured"));
            return;
        }
        EventLoopGroup loops = group;
        if (t == Transport.SCTP) {
            try {
                loops = sctpGroup();
            } catch (IOException e) {
                context.counters().sendFailures.increment();
                Notify.failed(l, e);
                return;
            }
        }
        EventLoopGroup g = loops;
        Connection c = context.table().getOrOpen(t, remote,
                id -> new Connection(id, t, remote, true, g.next(), context.counters()),
                conn -> open(conn, localIp));
        c.write(bytes, l);
    }

    /**
     * A WebSocket peer (a browser) cannot be connected to: a message reaches it only over a connection it opened
     * (RFC 7118 §5), found by its source address. Outbound WebSocket connections are not implemented.
     */
    private void sendToWebSocket(byte[] bytes, Transport t, InetSocketAddress remote, SendListener l) {
        Connection c = context.table().find(t, remote);
        if (c != null) {
            c.write(bytes, l);
            return;
        }
        context.counters().sendFailures.increment();
        Notify.failed(l, new IOException(noWebSocket(t, remote.toString())));
    }

    /** The error text for a WS/WSS target without an open connection. */
    public static String noWebSocket(Transport t, String target) {
        return "no open " + t.viaToken() + " connection from " + target + ": a WebSocket client can only be reached"
                + " over the connection it opened (RFC 7118 §5) and outbound WebSocket connections are not supported";
    }

    private void open(Connection c, InetSocketAddress localIp) {
        boolean sctp = c.transport() == Transport.SCTP;
        Bootstrap b = new Bootstrap()
                .group(c.loop())
                .channel(sctp ? NioSctpChannel.class : io.socket())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis);
        if (sctp) {
            b.option(SctpChannelOption.SCTP_NODELAY, true);
        } else {
            b.option(ChannelOption.TCP_NODELAY, true);
        }
        b.attr(Connection.KEY, c)
                .handler(new StreamInitializer(c.transport(), true,
                        c.transport() == Transport.TLS ? clientSsl : null, context));
        ChannelFuture f;
        try {
            f = localIp != null && !localIp.getAddress().isAnyLocalAddress()
                    ? b.connect(c.remote(), new InetSocketAddress(localIp.getAddress(), 0))
                    : b.connect(c.remote());
        } catch (RuntimeException e) {
            context.closed(c);
            c.fail(e);
            return;
        }
        f.addListener((ChannelFuture cf) -> {
            if (cf.isSuccess() && !c.usable()) {
                cf.channel().close(); // closed (the layer shut down) while connecting
            } else if (cf.isSuccess()) {
                context.counters().connectionsOpen.incrementAndGet();
                c.setCounted();
                context.counters().connectionsOpened.increment();
                c.markReady(); // on the channel's loop: the writes queued so far go out now, in order
                startKeepAlive(c, cf.channel());
            } else {
                log.debug("connect to {} failed: {}", c.remote(), String.valueOf(cf.cause()));
                context.closed(c);
                c.fail(cf.cause());
            }
        });
    }

    private void startKeepAlive(Connection c, Channel ch) {
        if (context.keepAliveMillis() > 0) {
            KeepAlive k = new KeepAlive(ch, context.keepAliveMillis(), context.keepAliveTimeoutMillis(),
                    context.counters());
            c.keepAlive = k;
            k.start();
        }
    }
}
