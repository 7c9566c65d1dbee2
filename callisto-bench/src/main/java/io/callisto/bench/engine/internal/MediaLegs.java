package io.callisto.bench.engine.internal;

import io.callisto.bench.engine.Metrics;
import io.callisto.bench.engine.RtpOptions;
import io.callisto.bench.report.RtpFigures;
import io.callisto.exec.EventLoopOwners;
import io.callisto.exec.Owner;
import io.callisto.media.audio.Audio;
import io.callisto.media.audio.MediaSource;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.rtp.MediaClock;
import io.callisto.media.rtp.RtpSession;
import io.callisto.media.rtp.RtpSessionConfig;
import io.callisto.media.rtp.RtpStatistics;
import io.callisto.media.rtp.SharedRtpSocket;
import io.callisto.transport.internal.IoKind;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The media side of a run with {@code --rtp}: one event loop group for the sessions' sockets, one
 * {@link MediaClock} on one of its loops for every session (no thread or timer per call), the live sessions and
 * the {@link RtpTally} of their counters. Sessions are added and removed on the clock's thread, where the
 * interval samples are taken too, so the tally needs no lock.
 */
public final class MediaLegs implements AutoCloseable {

    /** Latency name of the sampled interarrival jitter (RFC 3550 §A.8) of the calls' received streams. */
    public static final String JITTER = "rtp-jitter";
    /** Latency name of the sampled round-trip times from RTCP (RFC 3550 §6.4.1). */
    public static final String RTT = "rtp-rtt";

    /**
     * One 20 ms frame of a 1 kHz tone. 160 samples at 8 kHz are exactly 20 periods, so every frame is this one: a
     * looped copy costs a copy per packet where a tone generator computes 160 sines (with 1,000 calls, 8 million
     * {@code Math.sin} a second on the one media thread, which made the load side fall behind its 20 ms pacing).
     */
    private static final short[] TONE_FRAME = new ToneGenerator(Audio.SAMPLE_RATE, 4000, 1000.0)
            .generate(Audio.FRAME_SAMPLES);

    private final RtpOptions options;
    private final EventLoopGroup group;
    private final MediaClock clock;
    private final Owner owner;
    private final InetAddress bind;
    private final Metrics metrics;
    private final SecureRandom random = new SecureRandom();
    private final Set<MediaLeg> live = new LinkedHashSet<>();
    private final RtpTally tally = new RtpTally();
    private final RtpSessionConfig config;
    /** The one port pair of every call with {@code --rtp-socket shared}, else null. */
    private final SharedRtpSocket shared;
    private final java.io.PrintStream errors;
    private final java.util.concurrent.atomic.AtomicBoolean told = new java.util.concurrent.atomic.AtomicBoolean();

    private MediaLegs(RtpOptions options, InetAddress bind, Metrics metrics, java.io.PrintStream errors) {
        this.options = options;
        this.errors = errors;
        this.bind = bind;
        this.metrics = metrics;
        this.group = IoKind.choose(true).newGroup(options.ioThreads());
        EventLoop loop = group.next();
        this.owner = new EventLoopOwners.LoopOwner(loop);
        this.clock = new MediaClock(owner);
        this.config = RtpSessionConfig.defaults(bind, "bench@" + bind.getHostAddress())
                .withPorts(options.ports()).withRtcpInterval(options.rtcpIntervalMs());
        this.shared = options.sharedSocket() ? bindShared(loop) : null;
    }

    private SharedRtpSocket bindShared(EventLoop loop) {
        try {
            return SharedRtpSocket.bind(loop, clock, bind, options.ports()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot bind the shared RTP socket in " + options.ports().first() + "-"
                    + options.ports().last() + ": " + (e.getCause() != null ? e.getCause() : e).getMessage(), e);
        }
    }

    /**
     * Starts the media side of a run.
     *
     * @param options the run's RTP options
     * @param bind    the local address of the sessions (the run's local SIP address)
     * @param metrics where jitter and round-trip samples go
     * @param errors  where the first media problem of the run is told (the calls fail with reason media)
     */
    public static MediaLegs start(RtpOptions options, InetAddress bind, Metrics metrics,
                                  java.io.PrintStream errors) {
        return new MediaLegs(options, bind, metrics, errors);
    }

    /** Tells the user, once per run, why a call's media failed (such calls fail with reason {@code media}). */
    void tell(String problem) {
        if (told.compareAndSet(false, true)) {
            errors.println("error: " + problem + " (calls whose RTP cannot start fail with reason media)");
        }
    }

    /** The run's RTP options. */
    public RtpOptions options() {
        return options;
    }

    /** The local address of the sessions (the c= line). */
    InetAddress address() {
        return bind;
    }

    SecureRandom random() {
        return random;
    }

    /** Opens the media session of one call; the future fails when no port pair is free. */
    CompletableFuture<MediaLeg> open() {
        LegTransform transform = new LegTransform(options.srtp());
        CompletableFuture<RtpSession> opened = shared != null
                ? CompletableFuture.completedFuture(RtpSession.openShared(shared, config.withTransform(transform)))
                : RtpSession.open(group, clock, config.withTransform(transform));
        return opened.thenApply(session -> {
            session.source(MediaSource.samples(TONE_FRAME, true));
            MediaLeg leg = new MediaLeg(this, session, transform);
            owner.execute(() -> {
                live.add(leg);
                tally.opened();
            });
            return leg;
        });
    }

    /** A leg closed with its final counters (on the clock's thread). */
    void closed(MediaLeg leg, RtpStatistics last) {
        owner.execute(() -> {
            if (live.remove(leg)) {
                tally.closed(last);
            }
        });
    }

    /**
     * The figures of the interval that ends now; records each live session's jitter and round-trip time under
     * {@link #JITTER} and {@link #RTT}. Waits at most a second for the clock's thread (null if it is that busy).
     */
    public RtpFigures sample() {
        CompletableFuture<RtpFigures> f = new CompletableFuture<>();
        owner.execute(() -> {
            List<RtpStatistics> stats = new ArrayList<>(live.size());
            for (MediaLeg leg : live) {
                stats.add(leg.statistics());
            }
            f.complete(tally.interval(stats, ms -> metrics.record(JITTER, Math.round(ms * 1e6)),
                    ms -> metrics.record(RTT, Math.round(ms * 1e6))));
        });
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** The figures of the run so far (as of the last {@link #sample()}), jitter and RTT from all samples. */
    public RtpFigures totals() {
        Histogram j = metrics.totalHistograms().get(JITTER);
        Histogram r = metrics.totalHistograms().get(RTT);
        CompletableFuture<RtpFigures> f = new CompletableFuture<>();
        owner.execute(() -> f.complete(tally.run(mean(j), max(j), mean(r), max(r))));
        try {
            return f.get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    private static double mean(Histogram h) {
        return h == null || h.getTotalCount() == 0 ? -1 : h.getMean() / 1000.0;
    }

    private static double max(Histogram h) {
        return h == null || h.getTotalCount() == 0 ? -1 : h.getMaxValue() / 1000.0;
    }

    /** Closes every live session (RTCP BYE) and stops the loops. */
    @Override
    public void close() {
        CompletableFuture<List<MediaLeg>> f = new CompletableFuture<>();
        owner.execute(() -> f.complete(new ArrayList<>(live)));
        try {
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (MediaLeg leg : f.get(1, TimeUnit.SECONDS)) {
                closing.add(leg.session().close());
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
            if (shared != null) {
                shared.close().get(2, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // closing anyway
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
