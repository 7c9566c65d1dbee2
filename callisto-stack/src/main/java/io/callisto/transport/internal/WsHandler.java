package io.callisto.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a WS/WSS pipeline (RFC 7118). Before the upgrade it takes the HTTP request, refuses it with
 * an HTTP 4xx when it is not a WebSocket upgrade offering subprotocol {@code sip} (§4.1), else completes the
 * handshake and marks the connection ready. After it, every text or binary WebSocket message (fragments joined by
 * the aggregator before it) is one SIP message (§5: no Content-Length framing), parsed like a datagram; outgoing
 * messages become one text frame each, or a binary frame when they are not UTF-8 (§4.2). A frame larger than the
 * maximum message size closes the connection. Pings are answered, a CRLFCRLF message gets a CRLF pong (RFC 5626
 * §3.5.1, allowed by RFC 7118 §6).
 */
final class WsHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(WsHandler.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final Connection connection;
    private final StreamContext context;
    private final int maxMessageSize;
    private WebSocketServerHandshaker handshaker;

    WsHandler(Connection connection, StreamContext context, int maxMessageSize) {
        this.connection = connection;
        this.context = context;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpRequest req) {
                upgrade(ctx, req);
            } else if (msg instanceof WebSocketFrame f) {
                frame(ctx, f);
            }
        } catch (RuntimeException e) {
            log.warn("closing {} after an unexpected error", connection, e);
            ctx.close();
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (handshaker != null) {
            return;
        }
        if (!req.decoderResult().isSuccess()) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request: " + req.decoderResult().cause());
            return;
        }
        WsUpgrade.Refusal no = WsUpgrade.check(req);
        if (no != null) {
            refuse(ctx, no.status(), no.reason());
            return;
        }
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxMessageSize)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        String scheme = connection.transport().secure() ? "wss://" : "ws://";
        String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
        WebSocketServerHandshaker h = new WebSocketServerHandshakerFactory(scheme + host + req.uri(),
                WsUpgrade.SUBPROTOCOL, decoder).newHandshaker(req);
        if (h == null) {
            log.info("refused WebSocket handshake from {}: unsupported version {}", connection.remote(),
                    req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        handshaker = h;
        h.handshake(ctx.channel(), req).addListener(f -> {
            if (f.isSuccess()) {
                log.debug("WebSocket {} upgraded (subprotocol sip, path {})", connection, req.uri());
                connection.markReady();
            } else {
                log.info("WebSocket handshake with {} failed: {}", connection.remote(), String.valueOf(f.cause()));
                ctx.close();
            }
        });
    }

    private void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        context.counters().connectionsRejected.increment();
        log.info("refused WebSocket handshake from {}: HTTP {} {}", connection.remote(), status.code(), reason);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (status == HttpResponseStatus.UPGRADE_REQUIRED) {
            r.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
        }
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame f) {
        if (f instanceof TextWebSocketFrame || f instanceof BinaryWebSocketFrame) {
            byte[] b = ByteBufUtil.getBytes(f.content());
            if (KeepAlive.isPing(b)) {
                context.counters().pingsReceived.increment();
                connection.write(PONG, null);
                return;
            }
            // §5: one SIP message per WebSocket message, delimited by the frame, parsed like a datagram
            context.processor().onDatagram(b, connection.flow(), r -> connection.write(r.toBytes(), null));
        } else if (f instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(f.content().retain()));
        } else if (f instanceof CloseWebSocketFrame) {
            log.debug("WebSocket {} closed by the peer", connection);
            handshaker.close(ctx, (CloseWebSocketFrame) f.retain());
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && handshaker != null) {
            // §4.2: a message that is not all UTF-8 goes in a binary frame
            ctx.write(ByteBufUtil.isText(b, StandardCharsets.UTF_8) ? new TextWebSocketFrame(b)
                    : new BinaryWebSocketFrame(b), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        StreamHandler.closeWhenIdle(ctx, evt, connection, context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException) {
            if (String.valueOf(cause.getMessage()).contains("length")) {
                context.counters().oversize.increment();
                context.counters().malformed.increment();
                log.info("closing WebSocket {}: message larger than the maximum of {} bytes ({})", connection,
                        maxMessageSize, cause.getMessage());
            } else {
                context.counters().malformed.increment();
                log.info("closing WebSocket {}: protocol violation ({})", connection, cause.getMessage());
            }
        } else {
            log.debug("closing {} after {}", connection, cause.toString());
        }
        ctx.close();
    }
}
