package io.callisto.media.internal;

import io.callisto.exec.Owner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound end of a media socket: copies each datagram out of Netty's buffer (which is released after the read),
 * notes its arrival time and hands it to {@link #datagram} on the owner's thread. When the socket's loop is the
 * owner's (media sockets are bound so), that happens inline, and every datagram is copied into the same array:
 * 50 packets a second per call leave no garbage here. Otherwise the datagram gets its own array and is queued.
 * Socket errors are logged at debug level and the socket goes on (a port-unreachable after the peer left is
 * normal).
 */
public abstract class DatagramCopier extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramCopier.class);
    /** Big enough for any RTP packet of a voice call; a larger datagram gets an array of its own. */
    private static final int SCRATCH = 2048;

    private final Owner owner;
    private final byte[] scratch = new byte[SCRATCH];

    protected DatagramCopier(Owner owner) {
        this.owner = owner;
    }

    /**
     * One datagram, its first {@code length} bytes in {@code data}, on the owner's thread. The array may be reused
     * for the next datagram once this returns: an implementation copies what it keeps.
     */
    protected abstract void datagram(byte[] data, int length, InetSocketAddress from, long arrivalMicros);

    @Override
    protected final void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        InetSocketAddress from = packet.sender();
        long arrivalMicros = System.nanoTime() / 1000;
        int length = content.readableBytes();
        if (length <= SCRATCH && owner.inOwnerThread()) {
            content.getBytes(content.readerIndex(), scratch, 0, length);
            datagram(scratch, length, from, arrivalMicros);
            return;
        }
        byte[] data = ByteBufUtil.getBytes(content);
        owner.run(() -> datagram(data, data.length, from, arrivalMicros));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("media socket error on {}", ctx.channel().localAddress(), cause);
    }
}
