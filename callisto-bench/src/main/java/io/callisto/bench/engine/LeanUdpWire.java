package io.callisto.bench.engine;

import io.callisto.exec.EventLoopOwners;
import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.SendListener;
import io.callisto.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lean UDP {@link Wire} for load: one Netty datagram channel per local port and nothing between the socket and
 * the engine but the callisto-sip parser (index only). Unlike the stack's transport layer it does not validate
 * every inbound message, route by Via, or re-serialize outbound ones: the engine's messages are sent as rendered.
 * A datagram that does not parse is dropped and counted ({@link #malformed()}).
 */
public final class LeanUdpWire implements RunnableWire {

    private static final int MAX_DATAGRAM = 65_536;
    private static final int SOCKET_BUFFER = 4 << 20;

    private final List<InetSocketAddress> binds;
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final DefaultEventLoop controlLoop = new DefaultEventLoop();
    private final LongAdder malformed = new LongAdder();
    private final Map<Integer, Channel> byPort = new HashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<ListeningPoint> points = new ArrayList<>();
    private final Owners owners;
    private volatile InboundHandler handler = (m, f) -> { };

    /**
     * A wire binding {@code binds} (port 0: an ephemeral port each) with {@code threads} I/O threads.
     */
    public LeanUdpWire(List<InetSocketAddress> binds, int threads) {
        this.binds = List.copyOf(binds);
        IoHandlerFactory f = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(Math.max(1, threads), f);
        this.owners = new EventLoopOwners(group);
    }

    @Override
    public void start() throws IOException {
        Class<? extends DatagramChannel> type = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
        for (InetSocketAddress at : binds) {
            Bootstrap b = new Bootstrap().group(group).channel(type)
                    .option(ChannelOption.RECVBUF_ALLOCATOR,
                            new FixedRecvByteBufAllocator(MAX_DATAGRAM).respectMaybeMoreData(false))
                    .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                    .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                    .handler(new Reader());
            Channel ch;
            try {
                ch = b.bind(at).sync().channel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while binding " + at);
            } catch (RuntimeException e) {
                close();
                throw new IOException("cannot bind UDP " + at + ": " + e.getMessage(), e);
            }
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            channels.add(ch);
            byPort.put(local.getPort(), ch);
            points.add(new ListeningPoint(Transport.UDP, new InetSocketAddress(at.getAddress(), local.getPort()),
                    null));
        }
    }

    /** Datagrams dropped because they do not parse as SIP. */
    public long malformed() {
        return malformed.sum();
    }

    @Override
    public Owner control() {
        return new EventLoopOwners.LoopOwner(controlLoop);
    }

    @Override
    public String ioKind() {
        return epoll ? "epoll" : "nio";
    }

    @Override
    public List<ListeningPoint> localPoints() {
        return List.copyOf(points);
    }

    @Override
    public Owners owners() {
        return owners;
    }

    @Override
    public void setHandler(InboundHandler handler) {
        this.handler = handler;
    }

    @Override
    public void send(SipMessage message, byte[] bytes, Destination destination, SendListener listener) {
        Flow f = destination.flow();
        Channel ch = f == null ? null : byPort.get(f.local().getPort());
        if (ch == null) {
            ch = channels.get(0);
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        ch.writeAndFlush(new DatagramPacket(buf, destination.address()), ch.voidPromise());
    }

    @Override
    public void close() {
        for (Channel ch : channels) {
            ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        controlLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Turns each datagram into a message for the engine, on the channel's event loop. */
    private final class Reader extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            SipMessage m;
            try {
                m = SipParser.DEFAULT.parseDatagram(bytes);
            } catch (RuntimeException e) { // ParseError and anything a hostile datagram may cause
                malformed.increment();
                return;
            }
            InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
            handler.onMessage(m, new Flow(Transport.UDP, local, packet.sender(), 0));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP errors and the like: the socket stays open, the call times out if nothing comes
        }
    }
}
