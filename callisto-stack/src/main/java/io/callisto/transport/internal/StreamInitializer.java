package io.callisto.transport.internal;

import io.callisto.transport.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of one TCP or TLS connection: [TLS] → [idle timer] → {@link StreamHandler}; of an SCTP
 * association: [idle timer] → {@link SctpHandler}; of a WS or WSS
 * one: [TLS] → [idle timer] → HTTP codec → HTTP aggregator → frame aggregator → {@link WsHandler} (the upgrade
 * replaces the HTTP codec by the WebSocket one). For an accepted
 * connection it first enforces maxConnections (refusing by closing at once) and creates its {@link Connection};
 * a connection we open brings its {@link Connection} in the channel attribute {@link Connection#KEY}.
 */
final class StreamInitializer extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(StreamInitializer.class);

    /** Largest HTTP upgrade request accepted (a browser's is well under 2 KB); larger gets HTTP 413. */
    private static final int MAX_UPGRADE_REQUEST = 8192;

    private final Transport transport;
    private final boolean outbound;
    private final SslContext ssl;
    private final StreamContext context;

    StreamInitializer(Transport transport, boolean outbound, SslContext ssl, StreamContext context) {
        this.transport = transport;
        this.outbound = outbound;
        this.ssl = ssl;
        this.context = context;
    }

    @Override
    protected void initChannel(Channel ch) {
        Connection c;
        if (outbound) {
            c = ch.attr(Connection.KEY).get();
            c.attach(ch);
        } else {
            if (!context.tryOpenSlot()) {
                context.counters().connectionsRejected.increment();
                log.debug("refusing a {} connection from {}: {} connections open", transport.viaToken(),
                        ch.remoteAddress(), context.maxConnections());
                ch.close();
                return;
            }
            c = new Connection(context.table().nextId(), transport, (InetSocketAddress) ch.remoteAddress(), false,
                    ch.eventLoop(), context.counters());
            c.setCounted();
            c.attach(ch);
            ch.attr(Connection.KEY).set(c);
            context.counters().connectionsAccepted.increment();
            context.table().addAccepted(c);
            if (!isWebSocket()) {
                c.markReady(); // a WebSocket is ready once upgraded (WsHandler)
            }
        }
        ch.closeFuture().addListener(f -> context.closed(c));
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            SslHandler h = outbound
                    ? ssl.newHandler(ch.alloc(), c.remote().getHostString(), c.remote().getPort())
                    : ssl.newHandler(ch.alloc());
            h.setHandshakeTimeoutMillis(context.handshakeMillis());
            p.addLast("tls", h);
        }
        if (context.idleMillis() > 0) {
            p.addLast("idle", new IdleStateHandler(0, 0, context.idleMillis(), TimeUnit.MILLISECONDS));
        }
        if (transport == Transport.SCTP) {
            p.addLast("sip", new SctpHandler(c, context, context.parser().limits().maxMessageSize()));
        } else if (isWebSocket()) {
            int max = context.parser().limits().maxMessageSize();
            p.addLast("http", new HttpServerCodec());
            p.addLast("http-aggregator", new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
            p.addLast("ws-aggregator", new WebSocketFrameAggregator(max)); // fragments → one message (RFC 7118 §5)
            p.addLast("sip", new WsHandler(c, context, max));
        } else {
            p.addLast("sip", new StreamHandler(c, context));
        }
    }

    private boolean isWebSocket() {
        return transport == Transport.WS || transport == Transport.WSS;
    }
}
