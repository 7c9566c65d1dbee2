package io.callisto.media.rtp;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.media.audio.MediaSink;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.codec.AudioCodec;
import io.callisto.media.dtmf.DtmfListener;
import io.callisto.media.internal.DatagramCopier;
import io.callisto.media.internal.PortBinder;
import io.callisto.media.internal.RtpStream;
import io.callisto.transport.internal.IoKind;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTP media stream over UDP (RFC 3550): a local RTP/RTCP port pair from a configured range (or one port with
 * rtcp-mux, RFC 5761), the remote address from signalling, symmetric RTP, a 20 ms frame per {@link MediaClock}
 * tick from a {@link MediaSource}, received audio through an adaptive jitter buffer into a {@link MediaSink},
 * RFC 4733 DTMF both ways, RTCP reports about every {@code rtcpIntervalMillis} and a BYE on close.
 *
 * <p>Threading: the session belongs to its clock's owner thread; sockets are read on Netty's event loops and each
 * datagram is handed to the owner. Every public method may be called from any thread. Listeners, sources and
 * sinks run on the owner thread and must not block.
 */
public final class RtpSession {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    /** The counters are copied for other threads every 10 ticks (200 ms), not on every packet. */
    private static final int STATISTICS_TICKS = 10;
    /** Read buffer per datagram: an RTP packet fits an Ethernet frame (Netty's default for datagrams). */
    private static final int RECEIVE_BUFFER = 2048;

    private final MediaClock clock;
    private final Owner owner;
    private final RtpStream stream;
    private final RtpSessionConfig config;
    private Channel rtpChannel;
    private Channel rtcpChannel;
    /** The peer the RTP channel is connected to (strict RTP, after the latch), or null. Owner thread only. */
    private InetSocketAddress connectedTo;
    /** RTCP goes over the RTP port both ways (RFC 5761), as negotiated or configured. Owner thread only. */
    private boolean muxed;
    /**
     * RTCP arriving on the RTP port is told from RTP by its packet type: when multiplexed, and from an offer of
     * rtcp-mux until its answer (an answerer that takes it may send RTCP before its answer reaches us). Set from
     * any thread, read on the owner thread.
     */
    private volatile boolean demux;
    /** The RTP address signalling gave last (owner thread). */
    private InetSocketAddress signalledRtp;
    /** How the RTP channel was made (to bind it again: strict RTP and a new peer address); null when shared. */
    private Bootstrap bootstrap;
    /** Non-null for a session on a {@link SharedRtpSocket} instead of its own channels. */
    private SharedRtpSocket shared;
    private int rtpPort;
    private int rtcpPort;
    private Cancellable ticker = Cancellable.NONE;
    private volatile RtpStatistics statistics = RtpStatistics.EMPTY;
    private volatile boolean closed;
    private volatile int eventPayloadType;
    private volatile boolean remoteBye;
    private boolean started;
    private int ticks;

    private RtpSession(MediaClock clock, RtpSessionConfig config, Random random) {
        this.clock = clock;
        this.owner = clock.owner();
        this.config = config;
        this.muxed = config.rtcpMux();
        this.demux = muxed;
        this.eventPayloadType = config.telephoneEventPayloadType();
        this.stream = new RtpStream(config, owner, new RtpStream.Network() {
            @Override
            public void sendRtp(byte[] packet, int length, InetSocketAddress to) {
                if (shared != null) {
                    shared.send(packet, length, to, false);
                } else {
                    send(rtpChannel, packet, length, to);
                }
            }

            @Override
            public void sendRtcp(byte[] packet, InetSocketAddress to) {
                if (shared != null) {
                    shared.send(packet, packet.length, to, true);
                } else {
                    send(rtcpChannel != null && !muxed ? rtcpChannel : rtpChannel, packet, packet.length, to);
                }
            }

            @Override
            public void latched(InetSocketAddress rtp) {
                if (shared == null && config.strictRtp()) {
                    connect(rtp);
                }
            }
        }, random, System::currentTimeMillis);
    }

    /**
     * Binds a new session's sockets on {@code group} (NIO or epoll) and attaches it to {@code clock}. The future
     * fails when no port pair of the range is free.
     */
    public static CompletableFuture<RtpSession> open(EventLoopGroup group, MediaClock clock,
                                                     RtpSessionConfig config) {
        RtpSession session = new RtpSession(clock, config, new SecureRandom());
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channelFactory(IoKind.of(group).datagramFor(config.bindAddress()))
                // one read per readiness: a call's socket holds one packet per 20 ms, so reading on until the
                // socket says it is empty would cost a second, empty system call per packet. The poller is
                // level-triggered (Netty's epoll and NIO), so a packet left unread is reported again at once.
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(RECEIVE_BUFFER).maxMessagesPerRead(1));
        PortBinder binder = new PortBinder(bootstrap, config.bindAddress(), config.ports(), config.rtcpMux(),
                () -> session.new Inbound(!config.rtcpMux() ? Kind.RTP : Kind.MUX),
                () -> session.new Inbound(Kind.RTCP));
        session.bootstrap = bootstrap;
        return binder.bind().thenApply(bound -> {
            session.rtpChannel = bound.rtp();
            session.rtcpChannel = bound.rtcp();
            session.rtpPort = ((InetSocketAddress) bound.rtp().localAddress()).getPort();
            session.rtcpPort = bound.rtcp() == null ? session.rtpPort
                    : ((InetSocketAddress) bound.rtcp().localAddress()).getPort();
            return session;
        });
    }

    /**
     * A new session on a {@link SharedRtpSocket} (a load generator's: see there) and on that socket's clock. Its
     * ports are the socket's; rtcp-mux is not supported there.
     */
    public static RtpSession openShared(SharedRtpSocket socket, RtpSessionConfig config) {
        if (config.rtcpMux()) {
            throw new IllegalArgumentException("a shared RTP socket has separate RTP and RTCP ports: no rtcp-mux");
        }
        RtpSession session = new RtpSession(socket.clock(), config, new SecureRandom());
        session.shared = socket;
        session.rtpPort = socket.rtpPort();
        session.rtcpPort = socket.rtcpPort();
        session.owner.run(() -> socket.join(session, session.stream.ssrc()));
        return session;
    }

    /** The local RTP port (even). */
    public int localRtpPort() {
        return rtpPort;
    }

    /** The local RTCP port: the next odd port, or the RTP port with rtcp-mux. */
    public int localRtcpPort() {
        return rtcpPort;
    }

    /** Our SSRC (random, RFC 3550 §8.1). */
    public long ssrc() {
        return stream.ssrc();
    }

    /**
     * Where to send, from signalling (SDP c= and m= lines, a=rtcp). A null {@code rtcp} means the RTP port + 1, or
     * the RTP address with rtcp-mux. With symmetric RTP the session later answers to where packets come from.
     */
    public void remote(InetSocketAddress rtp, InetSocketAddress rtcp) {
        owner.run(() -> {
            InetSocketAddress r = muxed ? rtp
                    : rtcp != null ? rtcp : new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
            if (signalledRtp != null && !signalledRtp.equals(rtp)) {
                unconnect(); // a new peer address: latch again, from wherever its packets come
            }
            signalledRtp = rtp;
            stream.remote(rtp, r);
            if (shared != null) {
                shared.route(this, rtp, r);
            }
        });
    }

    /**
     * Turns rtcp-mux (RFC 5761) on or off for a session bound with a separate RTCP port, as offer/answer agreed
     * (§5.1.1: both sides listed a=rtcp-mux): RTCP is then sent from the RTP port to the peer's RTP port, and RTCP
     * arriving on the RTP port is told from RTP by its packet type (§4); the RTCP port stays bound. Call it before
     * {@link #remote}. A session configured with rtcp-mux has one port and stays multiplexed.
     */
    public void rtcpMux(boolean on) {
        owner.run(() -> {
            boolean mux = on || config.rtcpMux();
            demux = mux;
            if (mux != muxed) {
                muxed = mux;
                stream.rtcpMux(mux);
            }
        });
    }

    /**
     * Offered rtcp-mux (RFC 5761 §5.1.1) and waiting for the answer: RTCP on the RTP port is demultiplexed (§4) from
     * now, though ours still goes to the peer's RTCP port until {@link #rtcpMux} says the answer took it.
     */
    public void expectRtcpMux() {
        demux = true;
    }

    public void source(MediaSource source) {
        owner.run(() -> stream.source(source));
    }

    /**
     * Where received audio goes. Until a sink is set, received packets are counted (statistics, RTCP) but not decoded,
     * jitter-buffered or concealed: a load generator that only measures pays nothing for playout.
     */
    public void sink(MediaSink sink) {
        owner.run(() -> stream.sink(sink));
    }

    public void dtmfListener(DtmfListener listener) {
        owner.run(() -> stream.dtmfListener(listener));
    }

    /**
     * Queues an RFC 4733 DTMF digit (0-9, *, #, A-D) of the given duration (40..5000 ms).
     *
     * @throws IllegalStateException when the configuration has no telephone-event payload type
     */
    public void sendDtmf(char digit, int durationMillis) {
        if (eventPayloadType < 0) {
            throw new IllegalStateException("no telephone-event payload type negotiated");
        }
        if (io.callisto.media.dtmf.TelephoneEvent.eventOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        owner.run(() -> stream.sendDtmf(digit, durationMillis));
    }

    /**
     * Applies a new offer/answer outcome: the codec to send and expect (same clock rate), the RFC 4733
     * telephone-event payload type (-1: none) and the packet transform (SRTP keys; null for plain RTP). The
     * ports, SSRC, sequence and timestamp stay.
     */
    public void negotiated(AudioCodec codec, int telephoneEventPayloadType, PacketTransform transform) {
        if (telephoneEventPayloadType != -1 && (telephoneEventPayloadType < 96 || telephoneEventPayloadType > 127)) {
            throw new IllegalArgumentException("telephone-event payload type must be dynamic (96..127) or -1");
        }
        eventPayloadType = telephoneEventPayloadType;
        owner.run(() -> stream.negotiated(codec, telephoneEventPayloadType, transform));
    }

    /** Stops or resumes sending (e.g. on hold); received audio keeps playing. */
    public void sending(boolean on) {
        owner.run(() -> stream.sending(on));
    }

    /** Starts the media: a frame each tick of the clock and RTCP reports. A second call does nothing. */
    public void start() {
        owner.run(() -> {
            if (closed || started) {
                return;
            }
            started = true;
            stream.start();
            ticker = clock.add(() -> {
                stream.tick();
                if (++ticks % STATISTICS_TICKS == 0) {
                    statistics = stream.statistics();
                }
            });
        });
    }

    /** The latest counters (refreshed every 200 ms, on each RTCP packet and on close). */
    public RtpStatistics statistics() {
        return statistics;
    }

    /** True once the remote source said BYE in RTCP. */
    public boolean remoteBye() {
        return remoteBye;
    }

    /** Sends an RTCP BYE (§6.6), stops the media and closes the sockets. */
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        owner.run(() -> {
            if (!closed) {
                closed = true;
                ticker.cancel();
                stream.close("session closed");
                statistics = stream.statistics();
            }
            if (shared != null) {
                shared.leave(this, stream.ssrc()); // the BYE is queued on the shared socket already
                done.complete(null);
                return;
            }
            // the BYE write is queued on the channel before the close, so it goes out first
            CompletableFuture<?> a = closeChannel(rtpChannel);
            CompletableFuture<?> b = closeChannel(rtcpChannel);
            CompletableFuture.allOf(a, b).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    private static CompletableFuture<Void> closeChannel(Channel channel) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (channel == null) {
            f.complete(null);
        } else {
            channel.close().addListener(x -> f.complete(null));
        }
        return f;
    }

    private void send(Channel channel, byte[] packet, int length, InetSocketAddress to) {
        if (channel == null || to == null || !channel.isActive()) {
            return;
        }
        // copied at once into a pooled direct buffer, which the socket reads from without another copy (the
        // stream writes its next packet into the same array)
        ByteBuf buffer = channel.alloc().directBuffer(length).writeBytes(packet, 0, length);
        if (channel == rtpChannel && to.equals(connectedTo)) {
            // strict RTP: the socket is connected to this peer, so no address goes with each datagram
            channel.writeAndFlush(buffer, channel.voidPromise());
        } else {
            channel.writeAndFlush(new DatagramPacket(buffer, to), channel.voidPromise());
        }
    }

    /** Strict RTP: connects the RTP socket to the latched source (on the owner thread). */
    private void connect(InetSocketAddress peer) {
        Channel channel = rtpChannel;
        if (channel == null || peer.equals(connectedTo) || closed) {
            return;
        }
        channel.connect(peer).addListener(f -> owner.run(() -> {
            if (f.isSuccess() && channel == rtpChannel && !closed) {
                connectedTo = peer;
            } else if (!f.isSuccess()) {
                LOG.debug("could not connect the RTP socket to {}", peer, f.cause());
            }
        }));
    }

    /**
     * Undoes {@link #connect} so that datagrams from anywhere are read again (owner thread). A connected datagram
     * channel cannot be disconnected and stay usable in Netty (disconnecting makes it inactive), so the RTP port is
     * closed and bound again, on the same port: a few datagrams may be lost meanwhile, which a re-offer with a new
     * address allows.
     */
    private void unconnect() {
        Channel old = rtpChannel;
        if (connectedTo == null || old == null || bootstrap == null) {
            return;
        }
        connectedTo = null;
        rtpChannel = null; // sends are dropped until the port is bound again
        InetSocketAddress local = (InetSocketAddress) old.localAddress();
        Kind kind = config.rtcpMux() ? Kind.MUX : Kind.RTP;
        old.close().addListener(c -> bootstrap.clone().handler(new Inbound(kind)).bind(local)
                .addListener((ChannelFuture b) -> owner.run(() -> {
                    if (!b.isSuccess()) {
                        LOG.warn("could not bind RTP port {} again: this call's media stops", local, b.cause());
                    } else if (closed) {
                        b.channel().close();
                    } else {
                        rtpChannel = b.channel();
                    }
                })));
    }

    /** One datagram for this session, on the owner thread. */
    void receive(byte[] data, int length, InetSocketAddress from, long arrivalMicros, boolean rtcp) {
        if (rtcp) {
            stream.onRtcp(length == data.length ? data : Arrays.copyOf(data, length), from, arrivalMicros);
            statistics = stream.statistics();
            remoteBye = stream.remoteBye();
        } else {
            stream.onRtp(data, length, from, arrivalMicros);
        }
    }

    private enum Kind { RTP, RTCP, MUX }

    /** Each datagram of one of this session's sockets, on the owner thread. */
    private final class Inbound extends DatagramCopier {
        private final Kind kind;

        Inbound(Kind kind) {
            super(owner);
            this.kind = kind;
        }

        @Override
        protected void datagram(byte[] data, int length, InetSocketAddress from, long arrivalMicros) {
            receive(data, length, from, arrivalMicros,
                    kind == Kind.RTCP || (kind == Kind.MUX || demux) && RtpStream.isRtcp(data, length));
        }
    }
}
