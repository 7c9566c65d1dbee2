package io.callisto.media.call;

import io.callisto.exec.EventLoopOwners;
import io.callisto.media.codec.G711Codec;
import io.callisto.media.rtp.MediaClock;
import io.callisto.media.rtp.PacketTransform;
import io.callisto.media.rtp.RtpSession;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.sdp.Codec;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The media side of one user agent: its own Netty event loops for RTP (threads {@code callisto-media-N}, so that
 * SIP bursts never delay a 20 ms frame and the reverse), one {@link MediaClock} per loop that paces the calls given
 * to that loop (round robin), and the options every call's SDP is built from. Open a {@link CallMedia} per call; close the engine when the user agent
 * stops.
 *
 * <pre>{@code
 * MediaEngine media = MediaEngine.start(MediaOptions.defaults(InetAddress.getByName("192.0.2.10")));
 * CallMedia m = media.open().join();
 * Call call = ua.call("sip:bob@example.com", m.offer());
 * m.attach(call);                       // RTP starts when the answer arrives, stops when the call ends
 * m.source(MediaSource.wav(Path.of("hello.wav"), false));
 * }</pre>
 */
public final class MediaEngine implements AutoCloseable {

    private final MediaOptions options;
    private final EventLoopGroup group;
    private final EventLoop[] loops;
    private final MediaClock[] clocks;
    private final AtomicInteger next = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();

    private MediaEngine(MediaOptions options, EventLoopGroup group) {
        this.options = options;
        this.group = group;
        List<EventLoop> list = new ArrayList<>();
        for (EventExecutor e : group) {
            list.add((EventLoop) e);
        }
        this.loops = list.toArray(new EventLoop[0]);
        this.clocks = new MediaClock[loops.length];
        for (int i = 0; i < loops.length; i++) {
            clocks[i] = new MediaClock(new EventLoopOwners.LoopOwner(loops[i]));
        }
    }

    /** Starts the media threads (epoll where available, else NIO). */
    public static MediaEngine start(MediaOptions options) {
        return new MediaEngine(options, IoKind.choose(true).newGroup(options.threads(), "callisto-media"));
    }

    /** The options calls are set up with. */
    public MediaOptions options() {
        return options;
    }

    /** The clocks that pace the calls, one per media thread. */
    public List<MediaClock> clocks() {
        return List.of(clocks);
    }

    /**
     * Opens the media of a new call: binds an RTP/RTCP port pair from the range (asynchronously; the future fails
     * with "no free RTP port pair in …" when the range is full). The call's SDP is made from it.
     */
    public CompletableFuture<CallMedia> open() {
        Codec first = options.codecs().stream().filter(c -> !c.isTelephoneEvent()).findFirst().orElseThrow();
        int events = options.codecs().stream().filter(Codec::isTelephoneEvent).mapToInt(Codec::payloadType)
                .findFirst().orElse(-1);
        RtpSessionConfig config = new RtpSessionConfig(options.bindAddress(), options.ports(), false,
                codecOf(first), events, options.cname(), options.rtcpIntervalMillis(), true,
                PacketTransform.IDENTITY, true);
        // calls are spread over the media threads; a call's sockets, clock and state share one thread, so a
        // datagram is processed where it is read, without a hand-over
        int i = Math.floorMod(next.getAndIncrement(), loops.length);
        return RtpSession.open(loops[i], clocks[i], config).thenApply(s -> new CallMedia(options, s, random));
    }

    static G711Codec codecOf(Codec c) {
        return c.sameEncoding(io.callisto.sip.sdp.Rtpmap.PCMA) ? G711Codec.PCMA : G711Codec.PCMU;
    }

    /** Stops the media threads; calls still open lose their media. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
