package io.callisto.transport.internal;

import io.callisto.transport.Flow;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP listening point: its channel, which both receives and sends (so that responses leave from the address
 * and port the request reached, RFC 3581 §4), and the handler that turns each datagram into a message (§18.3:
 * one message per datagram). The test-only {@link LossHook} is applied on both directions.
 */
public final class UdpEndpoint {

    private static final Logger log = LoggerFactory.getLogger(UdpEndpoint.class);
    /** Every datagram fits: the largest UDP payload is below 64 KiB. */
    private static final int RECEIVE_BUFFER = 65_536;
    /** Datagrams read per system call with epoll (recvmmsg). */
    private static final int RECEIVE_BATCH = 16;

    private final Channel channel;
    private final InetSocketAddress local;
    private final Counters counters;
    private final LossHook loss;

    private UdpEndpoint(Channel channel, Counters counters, LossHook loss) {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.localAddress();
        this.counters = counters;
        this.loss = loss;
    }

    /** Binds a UDP socket at {@code address}; blocks until bound. */
    public static UdpEndpoint bind(IoKind io, EventLoopGroup group, InetSocketAddress address,
            int receiveBuffer, InboundProcessor processor, Counters counters, LossHook loss) throws IOException {
        UdpEndpoint[] self = new UdpEndpoint[1];
        boolean batch = io == IoKind.EPOLL;
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(io.datagram())
                // a datagram shorter than the buffer does not mean the socket is drained: keep reading (up to
                // the per-wakeup message limit) instead of going back to the selector after each one. With
                // recvmmsg, one call per wake-up: reading on until the socket is empty costs a second, empty
                // call whenever fewer than RECEIVE_BATCH datagrams wait (the usual case), and the poller is
                // level-triggered (Netty 4.2's epoll), so datagrams left unread wake the loop again at once.
                .option(ChannelOption.RECVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(batch ? RECEIVE_BUFFER * RECEIVE_BATCH : RECEIVE_BUFFER)
                                .respectMaybeMoreData(false)
                                .maxMessagesPerRead(batch ? 1 : RECEIVE_BATCH))
                .option(ChannelOption.SO_RCVBUF, receiveBuffer) // rides out bursts and pauses (may be capped)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        UdpEndpoint ep = self[0];
                        if (ep != null) {
                            ep.reading = true;
                            ep.receive(packet, processor);
                        }
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        UdpEndpoint ep = self[0];
                        if (ep != null && ep.reading) {
                            ep.reading = false;
                            ctx.channel().flush(); // the answers written while reading leave together
                        }
                        ctx.fireChannelReadComplete();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        log.debug("UDP error on {}: {}", ctx.channel(), cause.toString()); // the socket stays open
                    }
                });
        if (batch) {
            // recvmmsg(2): up to RECEIVE_BATCH datagrams per system call, each in its own 64 KiB slot of the read
            // buffer. At 8,000 REGISTER/s this cut the event loops' CPU per REGISTER by about a fifth.
            b.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, RECEIVE_BUFFER);
        }
        ChannelFuture f = b.bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind UDP " + address + ": " + f.cause(), f.cause());
        }
        self[0] = new UdpEndpoint(f.channel(), counters, loss);
        return self[0];
    }

    /** The bound address (the actual port when bound to port 0). */
    public InetSocketAddress local() {
        return local;
    }

    /** The channel. */
    public Channel channel() {
        return channel;
    }

    private void receive(DatagramPacket packet, InboundProcessor processor) {
        try {
            if (loss.drop()) {
                counters.udpLost.increment();
                return;
            }
            ByteBuf content = packet.content();
            byte[] b = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), b);
            InetSocketAddress sender = packet.sender();
            Flow flow = new Flow(Transport.UDP, local, sender, 0);
            processor.onDatagram(b, flow, response -> send(response.toBytes(), sender, null));
        } catch (RuntimeException e) {
            log.warn("datagram from {} dropped after an unexpected error", packet.sender(), e);
        }
    }

    /**
     * Sends one datagram to {@code to}; {@code l} (may be null) hears the outcome. Any thread. A datagram sent on
     * the event loop is only queued: the read batch's read-complete, or a flush task queued behind the running
     * tasks, sends them all at once (one system call for several datagrams where the platform has sendmmsg).
     */
    public void send(byte[] bytes, InetSocketAddress to, SendListener l) {
        Flow flow = new Flow(Transport.UDP, local, to, 0);
        if (loss.drop()) {
            counters.udpLost.increment();
            Notify.sent(l, flow); // a lost datagram looks sent to the sender
            return;
        }
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(bytes), to);
        boolean onLoop = channel.eventLoop().inEventLoop();
        (onLoop ? channel.write(packet) : channel.writeAndFlush(packet)).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent(Transport.UDP);
                Notify.sent(l, flow);
            } else {
                counters.sendFailures.increment();
                Notify.failed(l, f.cause());
            }
        });
        if (onLoop && !reading && !flushQueued) {
            queueFlush();
        }
    }

    /**
     * Flushes, once the tasks queued on the event loop before it have run, what they wrote: answers sent from
     * tasks (a store's completions, timers) leave together, in one sendmmsg where the platform has it, rather than
     * one system call each. The same event-loop turn, so no datagram waits for more than the tasks ahead of it.
     */
    private void queueFlush() {
        flushQueued = true;
        try {
            channel.eventLoop().execute(flusher);
        } catch (RejectedExecutionException e) { // the loop is shutting down: flush now
            flushQueued = false;
            channel.flush();
        }
    }

    private final Runnable flusher = this::flushQueuedWrites;

    private void flushQueuedWrites() {
        flushQueued = false;
        channel.flush();
    }

    /** True while the event loop is inside a read batch of this socket (only read and written on that loop). */
    private boolean reading;

    /** True while a {@link #flusher} is queued on the event loop (only read and written on that loop). */
    private boolean flushQueued;

    /** Closes the socket. */
    public ChannelFuture close() {
        return channel.close();
    }
}
