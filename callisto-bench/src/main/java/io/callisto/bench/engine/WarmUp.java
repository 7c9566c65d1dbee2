package io.callisto.bench.engine;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.bench.report.Totals;
import io.callisto.bench.scenario.Step;
import io.callisto.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The unmeasured warm-up of a client run over UDP: before the first measured call, the scenario's calls run for a
 * while through the whole call path of this JVM (pacing, rendering, the UDP wire, parsing, matching, the call's
 * state and timers, the metrics) against an in-process responder on loopback, so that the JIT has compiled that
 * path and the first measured calls are not slowed by the interpreter and the compiler threads. Nothing reaches
 * the target and nothing is counted in the run's results.
 *
 * <p>The responder answers every request but ACK with a 200 (RFC 3261 §8.2.6: Via, From, Call-ID and CSeq
 * copied, a To tag added; a 200 to an INVITE carries a Contact, §13.3.1.4), which is what the built-ins expect.
 * When the scenario can receive a 401, every other request without credentials is challenged instead (a 401 with
 * a Digest WWW-Authenticate, RFC 3261 §22.2), so that both branches of {@code register} are warm. A scenario file
 * expecting something else fails its warm-up calls; that still runs most of the path, and is not reported.
 */
public final class WarmUp {

    /** The least warm-up rate: enough calls for the JIT's compile thresholds in a short warm-up. */
    static final double MIN_RATE = 1000;
    /** The highest warm-up rate (the responder is one thread). */
    static final double MAX_RATE = 5000;
    /** How long calls still in progress at the end of the warm-up may take to end before they are abandoned. */
    private static final long END_MS = 3000;
    /** The responder's socket receive buffer: a burst while its thread is not scheduled must not be dropped. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private WarmUp() {
    }

    /**
     * Runs {@code run}'s scenario for {@code ms} milliseconds against an in-process responder, ramping over the
     * first half up to the run's rate, bounded to {@link #MIN_RATE}..{@link #MAX_RATE} calls/s, with
     * {@code ioThreads} I/O threads; returns the warm-up's counts (zero for {@code ms <= 0}). Only for a client
     * scenario over UDP. Blocks for at most {@code ms} plus about 4 s.
     */
    public static Totals run(BenchConfig run, long ms, int ioThreads) throws IOException {
        if (ms <= 0) {
            return new Totals(0, 0, 0, Map.of(), 0, 0, 0);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (Responder responder = new Responder(new InetSocketAddress(loopback, 0), challenges(run));
                LeanUdpWire wire = new LeanUdpWire(List.of(new InetSocketAddress(loopback, 0)), ioThreads)) {
            responder.start();
            wire.start();
            double rate = Math.min(MAX_RATE, Math.max(MIN_RATE, run.ratePerSec()));
            BenchConfig config = BenchConfig.builder(run.scenario()).transport(Transport.UDP)
                    .target(responder.address()).service(run.service()).rate(rate).rampMs(ms / 2).runMs(ms)
                    .callLengthMs(0).recvTimeoutMs(Math.min(END_MS, Math.max(1, run.recvTimeoutMs())))
                    .injection(run.injection()).mediaPort(run.mediaPort()).reportIntervalMs(run.reportIntervalMs())
                    .lingerMs(run.lingerMs()).build();
            Engine engine = new Engine(config, wire, wire.control(), NanoClock.system(), silent());
            engine.start();
            try {
                try {
                    return engine.result().get(ms + END_MS, TimeUnit.MILLISECONDS).totals();
                } catch (TimeoutException e) {
                    engine.stop(); // calls lost on the way (a retransmission timer can run for 32 s): abandon them
                    return engine.result().get(END_MS, TimeUnit.MILLISECONDS).totals();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return engine.totals();
            } catch (ExecutionException | TimeoutException e) {
                return engine.totals();
            }
        }
    }

    private static boolean challenges(BenchConfig run) {
        for (Step s : run.scenario().steps()) {
            if (s instanceof Step.Recv r && r.response() == 401) {
                return true;
            }
        }
        return false;
    }

    private static PrintStream silent() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    /** Answers requests with 200 on one loopback socket, on its own thread. */
    static final class Responder implements AutoCloseable {
        private final DatagramChannel channel;
        private final Thread thread;
        private final boolean challenge;
        private long unauthenticated;

        Responder(InetSocketAddress bind, boolean challenge) throws IOException {
            this.challenge = challenge;
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(bind);
            thread = new Thread(this::serve, "bench-warmup-responder");
            thread.setDaemon(true);
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) channel.getLocalAddress();
        }

        void start() {
            thread.start();
        }

        private void serve() {
            ByteBuffer in = ByteBuffer.allocate(65_536);
            try {
                String contact = "<sip:warmup@" + address().getHostString() + ":" + address().getPort() + ">";
                while (true) {
                    in.clear();
                    SocketAddress from = channel.receive(in);
                    in.flip();
                    byte[] answer = answer(in, contact);
                    if (answer != null) {
                        channel.send(ByteBuffer.wrap(answer), from);
                    }
                }
            } catch (ClosedChannelException closed) {
                // close(): the warm-up is over
            } catch (IOException e) {
                // the warm-up calls time out; the run goes on
            }
        }

        /**
         * The answer to a request: a 401 to every other request without Authorization when challenging, a 200
         * otherwise; null for an ACK, a response, or something that does not parse. Responder thread only.
         */
        byte[] answer(ByteBuffer datagram, String contact) {
            try {
                SipMessage m = SipParser.DEFAULT.parseDatagram(datagram.array(), 0, datagram.limit());
                if (!(m instanceof SipRequest r) || r.isMethod("ACK")) {
                    return null;
                }
                if (challenge && r.header("Authorization") == null && unauthenticated++ % 2 == 0) {
                    SipResponse c = Messages.responseTo(r, 401, null, "warmup");
                    c.addHeader("WWW-Authenticate", "Digest realm=\"warmup\", nonce=\"" + unauthenticated
                            + "\", algorithm=MD5, qop=\"auth\"");
                    return c.toBytes();
                }
                SipResponse ok = Messages.responseTo(r, 200, null, "warmup");
                if (r.isMethod("INVITE")) {
                    ok.addHeader("Contact", contact);
                }
                return ok.toBytes();
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
