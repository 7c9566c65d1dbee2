package io.callisto.bench.engine;

import io.callisto.bench.engine.internal.CallHost;
import io.callisto.bench.engine.internal.MediaLegs;
import io.callisto.bench.engine.internal.CallInstance;
import io.callisto.bench.engine.internal.Summaries;
import io.callisto.bench.report.Interval;
import io.callisto.bench.report.LatencySummary;
import io.callisto.bench.report.LoadVerdict;
import io.callisto.bench.report.RtpFigures;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.report.Totals;
import io.callisto.bench.scenario.Step;
import io.callisto.exec.Owner;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.InboundHandler;
import io.callisto.transport.ListeningPoint;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one load test. A client scenario's calls are started by a pacing loop on the control owner (every
 * millisecond it starts the calls that have fallen due, see {@link Pacer}); a server scenario's calls are created
 * by the requests that arrive. Every call runs on the owner of its Call-ID. The control owner also closes a
 * reporting {@link Interval} every {@code reportIntervalMs} and, at the end, builds the {@link RunResult}.
 *
 * <p>The run ends when a client has started its calls (count or duration reached) and they have all ended, when a
 * server has completed {@code calls} calls or run {@code runMs}, or after {@link #stop()} (calls still in
 * progress after a grace period fail as {@code aborted}).
 */
public final class Engine implements InboundHandler {

    /** Receives every closed interval, on the control owner's thread. */
    @FunctionalInterface
    public interface IntervalListener {
        /** One interval closed; {@code totals} are the counts so far. */
        void onInterval(Interval interval, Totals totals);
    }

    private static final long GRACE_NANOS = 2_000_000_000L;

    private final BenchConfig config;
    private final Wire wire;
    private final Owner control;
    private final NanoClock clock;
    private final Metrics metrics = new Metrics();
    /** The calls' RTP sessions ({@code --rtp}), or null. */
    private final MediaLegs media;
    private final CallHost host;
    private final boolean server;
    private final Pacer pacer;
    private final String primaryLatency;
    private final AtomicLong serverCalls = new AtomicLong();
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final List<Interval> timeline = new ArrayList<>();
    private final LoadTracker tracker;
    private volatile boolean stopRequested;
    private volatile boolean accepting = true;
    private IntervalListener listener = (i, t) -> { };
    private Instant startedAt;
    private long t0;
    private long started;
    private long lastIntervalNanos;
    private long stopNanos = -1;
    private long abortedAt = -1;
    private long[] previous = new long[4];

    /**
     * An engine.
     *
     * @param config  the run
     * @param wire    where messages go and come from
     * @param control the owner that paces calls and closes intervals
     * @param clock   nanosecond time
     * @param errors  where to tell the user about a scenario message that does not parse
     */
    public Engine(BenchConfig config, Wire wire, Owner control, NanoClock clock, PrintStream errors) {
        this.config = config;
        this.wire = wire;
        this.control = control;
        this.clock = clock;
        this.media = config.rtp() == null ? null
                : MediaLegs.start(config.rtp(), wire.localPoints().get(0).address().getAddress(), metrics, errors);
        this.host = CallHost.create(config, wire, metrics, clock, ProcessHandle.current().pid(), errors, media);
        this.server = config.scenario().isServer();
        if (!server && config.target() == null) {
            throw new IllegalArgumentException("a client scenario needs a target");
        }
        if (!server && config.calls() <= 0 && config.runMs() <= 0) {
            throw new IllegalArgumentException("a client run needs a call count or a run length");
        }
        this.pacer = server ? null : new Pacer(config.ratePerSec(), config.rampMs());
        this.tracker = new LoadTracker(pacer, config.maxConcurrent());
        this.primaryLatency = primaryLatency();
    }

    private String primaryLatency() {
        for (Step s : config.scenario().steps()) {
            if (s instanceof Step.Send send && send.template().firstWord().equals("INVITE")) {
                return Metrics.ANSWER_DELAY;
            }
        }
        if (server) {
            return Metrics.ANSWER_DELAY;
        }
        for (Step s : config.scenario().steps()) {
            if (s instanceof Step.Send send && !send.template().firstWord().startsWith("SIP/")) {
                return Metrics.RESPONSE_TIME + send.template().firstWord();
            }
        }
        return Metrics.ANSWER_DELAY;
    }

    /**
     * Runs the code of the message path (rendering every message of the scenario, parsing it, reading the headers
     * calls read) {@code rounds} times before the run, so that the first calls of a fresh JVM are not so slow
     * that the peer retransmits (a cold start can take longer than T1 = 500 ms). Nothing is sent.
     */
    public void warmUp(int rounds) {
        io.callisto.bench.scenario.Template.Resolver dummy = (k, out) -> {
            switch (k.kind()) {
                case LAST_HEADER, ROUTES, AUTHENTICATION, PEER_TAG_PARAM -> { }
                case REMOTE_IP, LOCAL_IP, MEDIA_IP -> out.append("127.0.0.1");
                default -> out.append('1');
            }
        };
        for (int i = 0; i < rounds; i++) {
            for (Step s : config.scenario().steps()) {
                if (s instanceof Step.Send send) {
                    try {
                        SipMessage m = host.parser().parseDatagram(send.template().render(dummy));
                        m.callId();
                        m.cseq();
                        m.topVia();
                        m.to();
                        m.from();
                        m.toBytes();
                    } catch (RuntimeException e) {
                        return; // a template that does not render a valid message: the run reports it
                    }
                }
            }
        }
    }

    /** Sets who sees each interval (the live status line). Call before {@link #start()}. */
    public void setListener(IntervalListener listener) {
        this.listener = listener;
    }

    /** The run's metrics (live). */
    public Metrics metrics() {
        return metrics;
    }

    /** The result, complete when the run has ended. */
    public CompletableFuture<RunResult> result() {
        return result;
    }

    /** Starts the run: installs the inbound handler and starts pacing and reporting on the control owner. */
    public void start() {
        wire.setHandler(this);
        control.execute(() -> {
            startedAt = Instant.now();
            t0 = clock.nanoTime();
            lastIntervalNanos = t0;
            tick();
            control.schedule(config.reportIntervalMs(), this::report);
        });
    }

    /** Asks the run to end (SIGINT): no new calls; calls in progress get a short grace period. Any thread. */
    public void stop() {
        stopRequested = true;
    }

    private void tick() {
        if (result.isDone()) {
            return;
        }
        long now = clock.nanoTime();
        long elapsed = now - t0;
        boolean limitReached = config.calls() > 0 && (server ? metrics.answered() + metrics.failed()
                >= config.calls() : started >= config.calls())
                || config.runMs() > 0 && elapsed >= config.runMs() * 1_000_000L;
        if ((limitReached || stopRequested) && stopNanos < 0) {
            stopNanos = now;
            accepting = false;
        }
        if (!server && stopNanos < 0) {
            startDueCalls(elapsed);
        }
        if (stopNanos >= 0) {
            long inFlight = metrics.concurrent() + (started - metrics.attempted()) + serverPending();
            if (inFlight <= 0) {
                finish(now);
                return;
            }
            if ((stopRequested || server) && now - stopNanos > GRACE_NANOS && abortedAt < 0) {
                abortedAt = now;
                abortAll();
            }
        }
        control.schedule(1, this::tick);
    }

    private long serverPending() {
        return server ? serverCalls.get() - metrics.attempted() : 0;
    }

    private void startDueCalls(long elapsed) {
        long due = pacer.due(elapsed);
        if (config.calls() > 0) {
            due = Math.min(due, config.calls());
        }
        List<CallInstance>[] batches = null;
        while (started < due) {
            long inProgress = metrics.concurrent() + (started - metrics.attempted());
            if (config.maxConcurrent() > 0 && inProgress >= config.maxConcurrent()) {
                tracker.heldBack(elapsed, inProgress);
                break;
            }
            started++;
            if (batches == null) {
                @SuppressWarnings("unchecked")
                List<CallInstance>[] b = new List[host.tables().length];
                batches = b;
            }
            CallInstance call = newCall(started);
            int owner = host.ownerIndex(call.callId());
            if (batches[owner] == null) {
                batches[owner] = new ArrayList<>();
            }
            batches[owner].add(call);
        }
        if (batches != null) {
            // one task per owner per tick: the calls due in this millisecond start together, one wake-up each
            for (int i = 0; i < batches.length; i++) {
                List<CallInstance> calls = batches[i];
                if (calls != null) {
                    wire.owners().get(i).execute(() -> {
                        for (CallInstance c : calls) {
                            c.start();
                        }
                    });
                }
            }
        }
        tracker.afterTick(elapsed, due - started, started);
    }

    private CallInstance newCall(long n) {
        ListeningPoint lp = host.localPoint(n - 1);
        String callId = n + "-" + host.pid() + "@" + lp.host();
        Destination dest = new Destination(config.transport(), config.target(),
                config.transport() == io.callisto.transport.Transport.UDP
                        ? new Flow(config.transport(), lp.address(), config.target(), 0) : null);
        return new CallInstance(host, callId, n, dest, lp.address());
    }

    private void abortAll() {
        for (int i = 0; i < host.tables().length; i++) {
            var table = host.tables()[i];
            wire.owners().get(i).execute(() -> {
                for (CallInstance c : table.all()) {
                    c.fail("aborted");
                }
            });
        }
    }

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        String callId;
        try {
            callId = message.callId();
        } catch (RuntimeException e) {
            callId = null;
        }
        if (callId == null) {
            metrics.unexpected();
            return;
        }
        Owner owner = host.owner(callId);
        String id = callId;
        if (owner.inOwnerThread()) {
            dispatch(id, message, flow);
        } else {
            owner.execute(() -> dispatch(id, message, flow));
        }
    }

    private void dispatch(String callId, SipMessage message, Flow flow) {
        try {
            CallInstance call = host.tables()[host.ownerIndex(callId)].get(callId);
            if (call != null) {
                call.onMessage(message);
            } else if (server && accepting && message instanceof SipRequest r && opens(r)) {
                long n = serverCalls.incrementAndGet();
                if (config.calls() > 0 && n > config.calls()) {
                    metrics.unexpected();
                    return;
                }
                InetSocketAddress local = flow.local();
                new CallInstance(host, callId, n, Destination.over(flow), local).startWith(message);
            } else {
                metrics.unexpected();
            }
        } catch (RuntimeException e) {
            metrics.unexpected();
        }
    }

    private boolean opens(SipRequest r) {
        return config.scenario().steps().get(firstRecv()) instanceof Step.Recv first
                && first.matches(true, 0, r.method());
    }

    private int firstRecv() {
        var steps = config.scenario().steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Step.Recv) {
                return i;
            }
        }
        return 0;
    }

    private void report() {
        if (result.isDone()) {
            return;
        }
        closeInterval(clock.nanoTime());
        control.schedule(config.reportIntervalMs(), this::report);
    }

    private void closeInterval(long now) {
        long length = now - lastIntervalNanos;
        if (length <= 0) {
            return;
        }
        RtpFigures rtp = media == null ? null : media.sample(); // before the drain: its samples are this interval's
        Map<String, Histogram> h = metrics.drainInterval();
        long[] current = {metrics.attempted(), metrics.answered(), metrics.failed(),
                metrics.retransmissions.sum()};
        double seconds = length / 1e9;
        double offered = server ? 0 : offered(lastIntervalNanos - t0, now - t0) / seconds;
        Interval.Percentiles p = Summaries.percentiles(h.get(primaryLatency));
        Interval interval = new Interval((now - t0) / 1_000_000L, length / 1_000_000L, offered,
                (current[0] - previous[0]) / seconds, metrics.concurrent(), current[0] - previous[0],
                current[1] - previous[1], current[2] - previous[2], current[3] - previous[3], p, rtp);
        previous = current;
        lastIntervalNanos = now;
        timeline.add(interval);
        listener.onInterval(interval, totals());
    }

    private double offered(long fromNanos, long toNanos) {
        if (stopNanos >= 0 && stopNanos - t0 < toNanos) {
            toNanos = Math.max(fromNanos, stopNanos - t0);
        }
        long a = pacer.due(fromNanos);
        long b = pacer.due(toNanos);
        if (config.calls() > 0) {
            a = Math.min(a, config.calls());
            b = Math.min(b, config.calls());
        }
        return b - a + (fromNanos == 0 ? Math.min(1, b) : 0);
    }

    /** The counts so far. */
    public Totals totals() {
        return new Totals(metrics.attempted(), metrics.answered(), metrics.failed(), metrics.failuresByReason(),
                metrics.retransmissions.sum(), metrics.unexpected.sum(), metrics.maxConcurrent(),
                media == null ? null : media.totals());
    }

    private void finish(long now) {
        closeInterval(now);
        List<LatencySummary> latencies = new ArrayList<>();
        for (String name : metrics.latencyNames()) {
            latencies.add(Summaries.summary(name, metrics.totalHistograms().get(name)));
        }
        LoadVerdict verdict = server
                ? new LoadVerdict(true, "answered " + metrics.answered() + " calls (a server scenario offers no load)")
                : tracker.verdict();
        String target = server ? addresses(wire.localPoints())
                : config.target().getHostString() + ":" + config.target().getPort();
        RunResult r = new RunResult(config.scenario().name(), target, startedAt, (now - t0) / 1_000_000L,
                Settings.of(config, wire.localPoints().size()), totals(), latencies, timeline, verdict);
        if (media != null) {
            media.close();
        }
        result.complete(r);
    }

    private static String addresses(List<ListeningPoint> points) {
        ListeningPoint first = points.get(0);
        String s = first.address().getHostString() + ":" + first.address().getPort();
        return points.size() == 1 ? s : s + " (+" + (points.size() - 1) + " ports)";
    }
}
