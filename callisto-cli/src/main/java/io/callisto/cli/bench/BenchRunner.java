package io.callisto.cli.bench;

import io.callisto.bench.engine.BenchConfig;
import io.callisto.bench.engine.Engine;
import io.callisto.bench.engine.NanoClock;
import io.callisto.bench.engine.LeanUdpWire;
import io.callisto.bench.engine.NettyWire;
import io.callisto.bench.engine.RtpOptions;
import io.callisto.bench.engine.RunnableWire;
import io.callisto.media.rtp.PortRange;
import io.callisto.bench.engine.WarmUp;
import io.callisto.transport.ListeningPoint;
import java.util.ArrayList;
import java.util.List;
import io.callisto.bench.report.RunResult;
import io.callisto.bench.scenario.InjectionData;
import io.callisto.bench.scenario.Scenario;
import io.callisto.bench.scenario.ScenarioException;
import io.callisto.cli.Addresses;
import io.callisto.transport.Transport;
import io.callisto.transport.TransportConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Runs a scenario from the command line: checks options, starts the wire and engine, prints, writes, exits. */
final class BenchRunner {

    private BenchRunner() {
    }

    /**
     * Runs {@code scenario}; returns the exit status (0: no call failed, 1: some did).
     *
     * @param load       the client options, or null for a server scenario
     * @param serverBind the server's {@code --bind}, or null for a client scenario
     * @param injection  injection rows (from --users or --inf), or null
     */
    static int run(CommandSpec spec, Scenario scenario, RunOptions o, LoadOptions load, String serverBind,
            InjectionData injection) {
        PrintStream out = spec.commandLine().getOut() == null ? System.out : System.out;
        PrintStream err = System.err;
        boolean server = scenario.isServer();
        if (server && load != null) {
            throw usage(spec, "scenario '" + scenario.name() + "' waits for a request first (a server scenario): "
                    + "use --bind instead of --target");
        }
        if (!server && load == null) {
            throw usage(spec, "scenario '" + scenario.name() + "' sends first (a client scenario): give --target");
        }
        Transport transport = transport(spec, o.transport);
        check(spec, o.localPorts >= 1 && o.localPorts <= 1000, "--local-ports must be from 1 to 1000");
        check(spec, o.calls >= 0 && o.runMs >= 0 && o.durationMs >= 0 && o.timeoutMs >= 0,
                "--calls, --run-ms, --duration-ms and --timeout-ms must not be negative");
        check(spec, o.intervalMs >= 100, "--interval-ms must be at least 100");
        InjectionData inj = injection;
        if (o.inf != null) {
            inj = InjectionData.read(o.inf);
        }
        int needed = scenario.maxField() + 1;
        if (needed > 0 && (inj == null || inj.minFields() < needed)) {
            throw new ScenarioException("the scenario uses [field" + (needed - 1) + "]: give an injection file (--inf)"
                    + " whose rows have at least " + needed + " fields");
        }
        BenchConfig.Builder b = BenchConfig.builder(scenario).transport(transport).service(o.service).calls(o.calls)
                .runMs(o.runMs).callLengthMs(o.durationMs).recvTimeoutMs(o.timeoutMs).injection(inj)
                .mediaPort(o.mediaPort).reportIntervalMs(o.intervalMs).rtp(rtp(spec, o, transport));
        InetSocketAddress bind;
        if (server) {
            bind = address(spec, serverBind == null ? "127.0.0.1:5060" : serverBind, 5060);
        } else {
            PaceOptions pace = load.pace;
            check(spec, pace.rate > 0 && pace.rate <= 1_000_000, "--rate must be above 0 and at most 1000000");
            check(spec, pace.rampMs >= 0 && pace.maxConcurrent >= 0 && pace.warmupMs >= 0,
                    "--ramp-ms, --max-concurrent and --warmup-ms must not be negative");
            check(spec, o.calls > 0 || o.runMs > 0, "give --calls and/or --run-ms");
            InetSocketAddress target = address(spec, load.target, 5060);
            b.target(target).rate(pace.rate).rampMs(pace.rampMs).maxConcurrent(pace.maxConcurrent);
            bind = load.bind == null ? new InetSocketAddress(towards(target), 0) : address(spec, load.bind, 0);
        }
        TransportConfig tc = transportConfig(spec, transport, bind, o, server);
        RunnableWire wire;
        long warmupMs = 0;
        if (transport == Transport.UDP && !"stack".equals(System.getProperty("callisto.bench.wire"))) {
            List<InetSocketAddress> binds = new ArrayList<>();
            for (ListeningPoint lp : tc.listeningPoints()) {
                binds.add(lp.address());
            }
            wire = new LeanUdpWire(binds, o.ioThreads > 0 ? o.ioThreads : tc.ioThreads());
            warmupMs = server ? 0 : load.pace.warmupMs;
        } else {
            wire = new NettyWire(tc);
        }
        return execute(b.build(), wire, tc, o, warmupMs, out, err);
    }

    /** The RTP options of --rtp, --rtp-ports, --srtp, --rtcp-ms, or null without --rtp. */
    private static RtpOptions rtp(CommandSpec spec, RunOptions o, Transport transport) {
        check(spec, o.rtp || !o.srtp, "--srtp needs --rtp");
        if (!o.rtp) {
            return null;
        }
        check(spec, o.rtcpMs >= 100, "--rtcp-ms must be at least 100");
        check(spec, o.rtpThreads >= 1 && o.rtpThreads <= 64, "--rtp-threads must be from 1 to 64");
        check(spec, o.rtpSocket.equals("per-call") || o.rtpSocket.equals("shared"),
                "--rtp-socket must be per-call or shared, not '" + o.rtpSocket + "'");
        boolean shared = o.rtpSocket.equals("shared");
        check(spec, !shared || o.rtpThreads == 1,
                "--rtp-socket shared runs on the media clock's one thread: leave out --rtp-threads");
        PortRange ports;
        try {
            ports = PortRange.parse(o.rtpPorts);
        } catch (IllegalArgumentException e) {
            throw usage(spec, "--rtp-ports: " + e.getMessage());
        }
        return new RtpOptions(ports, o.srtp, o.rtcpMs, o.rtpThreads, shared);
    }

    private static int execute(BenchConfig config, RunnableWire w, TransportConfig tc, RunOptions o, long warmupMs,
            PrintStream out, PrintStream err) {
        BenchOutputs outputs = new BenchOutputs(out, System.console() != null);
        try (RunnableWire wire = w) {
            try {
                wire.start();
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot bind " + tc.listeningPoints() + ": " + e.getMessage());
                return 2;
            }
            Engine engine = new Engine(config, wire, wire.control(), NanoClock.system(), err);
            if (!o.quiet) {
                engine.setListener(outputs::interval);
            }
            CountDownLatch printed = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                engine.stop();
                try {
                    printed.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (config.scenario().isServer()) {
                err.println("bench: " + config.scenario().name() + " listening on " + wire.localPoints());
            }
            if (warmupMs > 0) {
                warmUp(config, warmupMs, o, tc, err);
            } else {
                engine.warmUp(3000);
            }
            engine.start();
            RunResult result;
            try {
                result = engine.result().get();
            } catch (Exception e) {
                err.println("error: the run failed: " + e);
                printed.countDown();
                return 2;
            }
            try {
                outputs.finish();
                out.println(outputs.summary(result));
                outputs.write(result, o.report, o.json, o.csv, err);
                err.println(outcome(result));
                if (!result.verdict().keptUp()) {
                    err.println("bench: load NOT kept up: " + result.verdict().message());
                }
            } catch (IOException e) {
                err.println("error: cannot write a report: " + e.getMessage());
            } finally {
                printed.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // SIGINT/SIGTERM: the JVM is exiting anyway
            }
            return result.totals().failed() > 0 ? 1 : 0;
        }
    }

    /** The unmeasured warm-up of a client run over UDP ({@code --warmup-ms}); a failure only costs its benefit. */
    private static void warmUp(BenchConfig config, long ms, RunOptions o, TransportConfig tc, PrintStream err) {
        if (!o.quiet) {
            err.println("bench: warming up for " + ms + " ms (unmeasured, against an in-process responder)");
        }
        try {
            long t0 = System.nanoTime();
            var t = WarmUp.run(config, ms, o.ioThreads > 0 ? o.ioThreads : tc.ioThreads());
            if (!o.quiet) {
                err.println("bench: warm-up done in " + (System.nanoTime() - t0) / 1_000_000 + " ms (" + t.answered()
                        + " of " + t.attempted() + " calls completed); the measured run starts");
            }
        } catch (IOException | RuntimeException e) {
            err.println("bench: warm-up skipped: " + e.getMessage());
        }
    }

    /** One stable line for scripts and tests. */
    static String outcome(RunResult r) {
        var t = r.totals();
        return String.format(Locale.ROOT, "bench: %s attempted=%d succeeded=%d failed=%d%s retransmissions=%d "
                        + "unexpected=%d max-concurrent=%d duration-ms=%d",
                r.scenario(), t.attempted(), t.answered(), t.failed(),
                t.failuresByReason().isEmpty() ? "" : " " + t.failuresByReason().toString().replace(" ", ""),
                t.retransmissions(), t.unexpectedMessages(), t.maxConcurrent(), r.durationMs());
    }

    private static TransportConfig transportConfig(CommandSpec spec, Transport t, InetSocketAddress bind,
            RunOptions o, boolean server) {
        TransportConfig.Builder b = TransportConfig.builder();
        check(spec, o.ioThreads >= 0 && o.ioThreads <= 64, "--io-threads must be from 1 to 64");
        if (o.ioThreads > 0) {
            b.ioThreads(o.ioThreads);
        }
        Transport listen = t == Transport.TLS && !server ? Transport.TCP : t;
        for (int i = 0; i < o.localPorts; i++) {
            int port = bind.getPort() == 0 ? 0 : bind.getPort() + i;
            check(spec, port <= 65535, "--bind port + --local-ports goes past 65535");
            b.listen(listen, new InetSocketAddress(bind.getAddress(), port));
        }
        if (t == Transport.TLS) {
            if (server) {
                check(spec, o.tlsCert != null && o.tlsKey != null, "a TLS server scenario needs --tls-cert and --tls-key");
                b.tlsCertificate(o.tlsCert, o.tlsKey);
            } else {
                b.tlsTrustAll(true);
            }
        }
        return b.build();
    }

    private static InetAddress towards(InetSocketAddress target) {
        if (target.getAddress().isLoopbackAddress()) {
            return target.getAddress();
        }
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(target);
            return s.getLocalAddress();
        } catch (IOException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static Transport transport(CommandSpec spec, String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "udp" -> Transport.UDP;
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            default -> throw usage(spec, "--transport must be udp, tcp or tls, not '" + name + "'");
        };
    }

    private static InetSocketAddress address(CommandSpec spec, String text, int defaultPort) {
        try {
            return Addresses.parse(text, defaultPort);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
    }

    static void check(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw usage(spec, message);
        }
    }

    static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
