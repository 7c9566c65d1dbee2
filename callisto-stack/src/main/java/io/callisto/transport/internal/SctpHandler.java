package io.callisto.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.sctp.SctpMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP handler of one SCTP association (RFC 4168). SCTP keeps message boundaries, so each SCTP user message is one
 * SIP message, parsed like a datagram (no Content-Length framing); a message the stack delivers in parts (partial
 * delivery) is joined first, up to the maximum message size, beyond which the association is closed. Outgoing
 * messages go as one SCTP message each on stream 0 with payload protocol identifier 0 (§5: no identifier is defined
 * for SIP). A CRLFCRLF message is a keep-alive ping answered with CRLF (RFC 5626 §3.5.1).
 */
final class SctpHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(SctpHandler.class);
    private static final byte[] PONG = {'\r', '\n'};
    /** RFC 4168 §5: the payload protocol identifier of SIP messages. */
    static final int PPID = 0;
    static final int STREAM = 0;

    private final Connection connection;
    private final StreamContext context;
    private final int maxMessageSize;
    /** Parts of a message delivered in pieces, or null. */
    private ByteArrayOutputStream partial;

    SctpHandler(Connection connection, StreamContext context, int maxMessageSize) {
        this.connection = connection;
        this.context = context;
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof SctpMessage m) {
                onMessage(ctx, m);
            }
        } catch (RuntimeException e) {
            log.warn("closing {} after an unexpected error", connection, e);
            ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onMessage(ChannelHandlerContext ctx, SctpMessage m) {
        ByteBuf content = m.content();
        int already = partial == null ? 0 : partial.size();
        if (already + content.readableBytes() > maxMessageSize) {
            context.counters().oversize.increment();
            context.counters().malformed.increment();
            log.info("closing SCTP association {}: message larger than the maximum of {} bytes", connection,
                    maxMessageSize);
            partial = null;
            ctx.close();
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        if (!m.isComplete() || partial != null) {
            if (partial == null) {
                partial = new ByteArrayOutputStream(bytes.length * 2);
            }
            partial.writeBytes(bytes);
            if (!m.isComplete()) {
                return;
            }
            bytes = partial.toByteArray();
            partial = null;
        }
        if (KeepAlive.isPing(bytes)) {
            context.counters().pingsReceived.increment();
            connection.write(PONG, null);
            return;
        }
        context.processor().onDatagram(bytes, connection.flow(), r -> connection.write(r.toBytes(), null));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf b ? new SctpMessage(PPID, STREAM, b) : msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        StreamHandler.closeWhenIdle(ctx, evt, connection, context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("closing {} after {}", connection, cause.toString());
        ctx.close();
    }
}
