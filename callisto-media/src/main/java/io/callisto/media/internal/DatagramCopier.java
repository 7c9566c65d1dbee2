package io.callisto.media.internal;

import io.callisto.exec.Owner;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound end of a media socket: copies each datagram out of Netty's buffer (which is released after the read),
 * notes its arrival time and hands it to {@link #datagram} on the owner's thread: inline when the socket's loop is
 * the owner's (media sockets are bound so), else queued. Socket errors are logged at debug level and the socket goes
 * on (a port-unreachable after the peer left is normal).
 */
public abstract class DatagramCopier extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramCopier.class);

    private final Owner owner;

    protected DatagramCopier(Owner owner) {
        this.owner = owner;
    }

    /** One datagram, on the owner's thread. */
    protected abstract void datagram(byte[] data, InetSocketAddress from, long arrivalMicros);

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] data = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress from = packet.sender();
        long arrivalMicros = System.nanoTime() / 1000;
        owner.run(() -> datagram(data, from, arrivalMicros));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("media socket error on {}", ctx.channel().localAddress(), cause);
    }
}
