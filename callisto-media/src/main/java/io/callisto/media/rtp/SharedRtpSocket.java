package io.callisto.media.rtp;

import io.callisto.exec.Owner;
import io.callisto.media.internal.Bytes;
import io.callisto.media.internal.DatagramCopier;
import io.callisto.media.internal.PortBinder;
import io.callisto.transport.internal.IoKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One RTP/RTCP port pair shared by many {@link RtpSession}s, for a load generator: every session advertises the
 * same ports, and datagrams are told apart by where they come from (the peer's RTP or RTCP address, as signalled)
 * or, for a reflector that sends our own packets back from its one port (SIPp's {@code -rtp_echo}), by our SSRC in
 * the packet. With one socket, the sends of a clock slot go out in one {@code sendmmsg} and arrivals are read up
 * to 16 at a time with {@code recvmmsg} (Linux epoll): a few system calls per millisecond instead of one per
 * datagram, which leaves the CPU to the process under test.
 *
 * <p>Not for a real endpoint: a peer that sends from another address than it signalled (a NAT) is not heard, and
 * every call's media shares one port. The sockets live on the clock's event loop, and so does all of this class's
 * state; sessions join and leave through it.
 */
public final class SharedRtpSocket {

    private static final int MAX_DATAGRAM = 2048;
    private static final int DATAGRAMS_PER_READ = 16;
    private static final int SOCKET_BUFFER = 4 * 1024 * 1024;
    /** Datagrams read per readiness before the loop turns to other work (Netty's default is 16). */
    private static final int MESSAGES_PER_WAKE = 512;

    private final MediaClock clock;
    private final Owner owner;
    private final Map<InetSocketAddress, RtpSession> byRtpSource = new HashMap<>();
    private final Map<InetSocketAddress, RtpSession> byRtcpSource = new HashMap<>();
    private final Map<Long, RtpSession> byOwnSsrc = new HashMap<>();
    private final Map<RtpSession, InetSocketAddress[]> routes = new HashMap<>();
    private Channel rtp;
    private Channel rtcp;
    private boolean flushPending;
    private volatile long unrouted;

    private SharedRtpSocket(MediaClock clock) {
        this.clock = clock;
        this.owner = clock.owner();
    }

    /**
     * Binds a port pair from {@code ports} on {@code loop}, which must be the loop that runs {@code clock} (so that
     * datagrams are handled where they are read).
     */
    public static CompletableFuture<SharedRtpSocket> bind(EventLoop loop, MediaClock clock, InetAddress address,
                                                          PortRange ports) {
        SharedRtpSocket socket = new SharedRtpSocket(clock);
        IoKind kind = IoKind.of(loop);
        Bootstrap bootstrap = new Bootstrap().group(loop).channelFactory(kind.datagramFor(address))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(MAX_DATAGRAM * DATAGRAMS_PER_READ)
                                .maxMessagesPerRead(MESSAGES_PER_WAKE));
        if (kind == IoKind.EPOLL) {
            // a positive size makes the epoll channel read with recvmmsg, up to buffer / size datagrams a call
            bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, MAX_DATAGRAM);
        }
        PortBinder binder = new PortBinder(bootstrap, address, ports, false,
                () -> socket.new Inbound(false), () -> socket.new Inbound(true));
        return binder.bind().thenApply(bound -> {
            socket.rtp = bound.rtp();
            socket.rtcp = bound.rtcp();
            return socket;
        });
    }

    /** The clock whose sessions may share this socket. */
    public MediaClock clock() {
        return clock;
    }

    /** The shared RTP port (even); RTCP is on the next one. */
    public int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    public int rtcpPort() {
        return ((InetSocketAddress) rtcp.localAddress()).getPort();
    }

    /** Datagrams that matched no session (counted, dropped). */
    public long unrouted() {
        return unrouted;
    }

    /** Closes the sockets (after the sessions have left). */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        owner.run(() -> rtp.close().addListener(a -> rtcp.close().addListener(b -> done.complete(null))));
        return done;
    }

    // ---------------------------------------------------------------- used by RtpSession, on the owner thread

    /** A session joins with its SSRC (a reflector's packets carry it). */
    void join(RtpSession session, long ownSsrc) {
        byOwnSsrc.put(ownSsrc, session);
    }

    /** The session's peer is now at these addresses (from signalling): its datagrams from there are the session's. */
    void route(RtpSession session, InetSocketAddress peerRtp, InetSocketAddress peerRtcp) {
        unroute(session);
        routes.put(session, new InetSocketAddress[] {peerRtp, peerRtcp});
        byRtpSource.put(peerRtp, session);
        byRtcpSource.put(peerRtcp, session);
    }

    void leave(RtpSession session, long ownSsrc) {
        unroute(session);
        byOwnSsrc.remove(ownSsrc, session);
    }

    private void unroute(RtpSession session) {
        InetSocketAddress[] old = routes.remove(session);
        if (old != null) {
            byRtpSource.remove(old[0], session);
            byRtcpSource.remove(old[1], session);
        }
    }

    /** Queues a datagram; everything queued during the current task of the loop leaves in one flush. */
    void send(byte[] packet, int length, InetSocketAddress to, boolean isRtcp) {
        Channel channel = isRtcp ? rtcp : rtp;
        if (to == null || !channel.isActive()) {
            return;
        }
        // copied now: the session writes its next packet into the same array
        ByteBuf buffer = channel.alloc().directBuffer(length).writeBytes(packet, 0, length);
        channel.write(new DatagramPacket(buffer, to), channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            owner.execute(this::flush);
        }
    }

    private void flush() {
        flushPending = false;
        rtp.flush();
        rtcp.flush();
    }

    private RtpSession sessionOf(byte[] data, int length, InetSocketAddress from, boolean isRtcp) {
        // a reflector first: our own SSRC at octet 8 of RTP (RFC 3550 §5.1) or octet 4 of RTCP (§6.4.1). A reflector
        // sends every call's packets from its one port, so its address names no single session
        int at = isRtcp ? 4 : 8;
        if (length >= at + 4 && !byOwnSsrc.isEmpty()) {
            RtpSession s = byOwnSsrc.get(Bytes.u32(data, at));
            if (s != null) {
                return s;
            }
        }
        return (isRtcp ? byRtcpSource : byRtpSource).get(from);
    }

    private final class Inbound extends DatagramCopier {
        private final boolean isRtcp;

        Inbound(boolean isRtcp) {
            super(owner);
            this.isRtcp = isRtcp;
        }

        @Override
        protected void datagram(byte[] data, int length, InetSocketAddress from, long arrivalMicros) {
            RtpSession s = sessionOf(data, length, from, isRtcp);
            if (s == null) {
                unrouted++;
            } else {
                s.receive(data, length, from, arrivalMicros, isRtcp);
            }
        }
    }
}
