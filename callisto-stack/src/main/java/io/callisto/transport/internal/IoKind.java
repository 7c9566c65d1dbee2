package io.callisto.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;

/** The I/O flavour in use: native epoll when available (Linux), NIO otherwise. Chooses groups and channel types. */
public enum IoKind {
    EPOLL(EpollDatagramChannel.class, EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO(NioDatagramChannel.class, NioServerSocketChannel.class, NioSocketChannel.class);

    private final Class<? extends Channel> datagram;
    private final Class<? extends ServerChannel> server;
    private final Class<? extends Channel> socket;

    IoKind(Class<? extends Channel> datagram, Class<? extends ServerChannel> server,
            Class<? extends Channel> socket) {
        this.datagram = datagram;
        this.server = server;
        this.socket = socket;
    }

    /** Epoll when preferred and available, else NIO. */
    public static IoKind choose(boolean preferNative) {
        return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The kind that matches the loops of an existing group. */
    public static IoKind of(EventLoopGroup group) {
        if (group instanceof IoEventLoopGroup io && Epoll.isAvailable() && io.isIoType(EpollIoHandler.class)) {
            return EPOLL;
        }
        return NIO;
    }

    /** A new group of {@code threads} loops of this kind, threads named {@code callisto-io-N}. */
    public EventLoopGroup newGroup(int threads) {
        return newGroup(threads, "callisto-io");
    }

    /** A new group of {@code threads} daemon loops of this kind, threads named {@code <name>-N}. */
    public EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory f = this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), f);
    }

    /** The UDP channel class. */
    public Class<? extends Channel> datagram() {
        return datagram;
    }

    /**
     * UDP channels of the family of {@code bindAddress}: an IPv4 socket for an IPv4 address rather than a dual-stack
     * IPv6 one, which spares every datagram the kernel's IPv4-mapped path (media sends 50 packets a second per
     * call). A wildcard or IPv6 address gets the default channel.
     */
    public ChannelFactory<Channel> datagramFor(InetAddress bindAddress) {
        SocketProtocolFamily family = bindAddress instanceof Inet4Address && !bindAddress.isAnyLocalAddress()
                ? SocketProtocolFamily.INET : null;
        if (family == null) {
            return this == EPOLL ? EpollDatagramChannel::new : NioDatagramChannel::new;
        }
        return this == EPOLL ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
    }

    /** The listening TCP channel class. */
    public Class<? extends ServerChannel> server() {
        return server;
    }

    /** The connected TCP channel class. */
    public Class<? extends Channel> socket() {
        return socket;
    }
}
