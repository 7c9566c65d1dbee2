package io.callisto.transport.internal;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.StreamFramer;
import io.callisto.sip.parse.ParseError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a TCP/TLS pipeline: feeds the bytes to the connection's {@link StreamFramer} (§18.3),
 * passes each message to the inbound processor, answers CRLFCRLF pings with a CRLF pong (RFC 5626 §5.4),
 * notes pongs for the client keep-alive, and closes the connection on a framing error or when idle. A
 * failure here closes only this connection; nothing propagates further.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter implements StreamFramer.Listener {

    private static final Logger log = LoggerFactory.getLogger(StreamHandler.class);
    private static final byte[] PONG = {'\r', '\n'};

    private final Connection connection;
    private final StreamContext context;
    private final StreamFramer framer;
    private ChannelHandlerContext ctx;
    private byte[] scratch = new byte[2048];
    private boolean failed;

    StreamHandler(Connection connection, StreamContext context) {
        this.connection = connection;
        this.context = context;
        this.framer = new StreamFramer(context.parser(), this);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (failed) {
                return;
            }
            int n = buf.readableBytes();
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, scratch.length * 2)];
            }
            buf.readBytes(scratch, 0, n);
            framer.feed(scratch, 0, n);
        } catch (ParseError e) {
            failed = true;
            context.processor().onFramingError(e, connection.flow());
            ctx.close();
        } catch (RuntimeException e) {
            failed = true;
            log.warn("closing {} after an unexpected error", connection, e);
            ctx.close();
        } finally {
            buf.release();
        }
    }

    @Override
    public void onMessage(SipMessage message) {
        context.processor().onStreamMessage(message, connection.flow(),
                response -> connection.write(response.toBytes(), null));
    }

    @Override
    public void onPing() {
        context.counters().pingsReceived.increment();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
    }

    @Override
    public void onPong() {
        context.counters().pongsReceived.increment();
        KeepAlive k = connection.keepAlive;
        if (k != null) {
            k.onPong();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        closeWhenIdle(ctx, evt, connection, context);
    }

    /** Closes the connection on the idle timer's event (counted); passes any other event on. Every stream uses it. */
    static void closeWhenIdle(ChannelHandlerContext ctx, Object evt, Connection connection, StreamContext context) {
        if (evt instanceof IdleStateEvent) {
            context.counters().connectionsClosedIdle.increment();
            log.debug("closing idle connection {}", connection);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing {} after {}", connection, cause.toString());
        ctx.close();
    }
}
