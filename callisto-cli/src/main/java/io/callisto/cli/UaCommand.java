package io.callisto.cli;

import io.callisto.transaction.TimerConfig;
import io.callisto.transport.Destination;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.Registration;
import io.callisto.ua.ReliableProvisionals;
import io.callisto.ua.SessionTimers;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callisto ua}: a scriptable user agent. It answers calls ({@code --answer}), places them ({@code --call}), and
 * registers first when asked ({@code --register}). One line per event on standard output: milliseconds since start,
 * the event name, then {@code key=value} fields.
 */
@Command(name = "ua", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A scriptable SIP user agent: answer calls, place calls, register, subscribe.",
            "Prints one line per event: <ms> <event> key=value...",
            "Exit status: 0 all calls answered and ended cleanly, or the subscription was active and ended by a "
                    + "NOTIFY or an unsubscribe (or clean shutdown), 1 some failed, 2 usage error."})
final class UaCommand implements Callable<Integer> {

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5070",
            description = "Local address to listen on (default ${DEFAULT-VALUE}); [::1]:5070 for IPv6, port 0 picks one.")
    String bind;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls|sctp", defaultValue = "udp",
            description = "Listening transport (default ${DEFAULT-VALUE}). UDP also listens on TCP at the same "
                    + "port for large requests (RFC 3261 §18.1.1). SCTP (RFC 4168) needs the host's SCTP support.")
    String transport;

    @Option(names = "--answer", description = "Answer every incoming call with 200 OK.")
    boolean answer;

    @Option(names = "--reject", paramLabel = "CODE", description = "Reject every incoming call with this status (e.g. 486).")
    Integer reject;

    @Option(names = "--ring-ms", paramLabel = "MS", defaultValue = "0",
            description = "Send 180 Ringing and wait this long before answering (0: answer at once, no 180).")
    long ringMs;

    @Option(names = "--hangup-after-ms", paramLabel = "MS", defaultValue = "0",
            description = "Answering: send BYE this long after the call is confirmed (0: wait for the caller's BYE).")
    long hangupAfterMs;

    @Option(names = "--call", paramLabel = "URI", description = "Place calls to this URI, e.g. sip:bob@127.0.0.1:5060.")
    String callUri;

    @Option(names = "--duration-ms", paramLabel = "MS",
            description = "Calling: hang up this long after the call is answered (default 2000). Subscribing: "
                    + "unsubscribe after this long (default: stay until the notifier ends it or Ctrl-C).")
    Long durationMs;

    @Option(names = "--subscribe", paramLabel = "URI",
            description = "Subscribe (RFC 6665) to --event at this URI; print every NOTIFY (state, expires, reason, "
                    + "body) and exit when the subscription terminates.")
    String subscribeUri;

    @Option(names = "--event", paramLabel = "NAME", description = "Subscribing: the event package, e.g. presence.")
    String event;

    @Option(names = "--expires", paramLabel = "S", defaultValue = "3600",
            description = "Subscribing: the duration asked for, in seconds (default ${DEFAULT-VALUE}; 0 fetches the "
                    + "state once). The subscription is refreshed before it expires.")
    int expires;

    @Option(names = "--accept", paramLabel = "TYPES",
            description = "Subscribing: the Accept header, e.g. application/pidf+xml (default: none).")
    String accept;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "Calling: how many calls (default 1).")
    int count;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Calling: how many calls at once (default 1).")
    int parallel;

    @Option(names = "--from", paramLabel = "URI", description = "Our address of record (default sip:callisto@<bind>).")
    String from;

    @Option(names = "--register", paramLabel = "AOR", description = "Register this address of record first.")
    String register;

    @Option(names = "--registrar", paramLabel = "HOST:PORT", description = "Send REGISTER here (default: the AOR's domain).")
    String registrar;

    @Option(names = "--user", paramLabel = "NAME", description = "Digest username (default: the AOR's user part).")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "Digest password for 401/407 challenges.")
    String password;

    @Option(names = "--cert", paramLabel = "PEM", description = "TLS certificate chain (PEM).")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "TLS private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--ca", paramLabel = "PEM", description = "TLS: trust peers signed by these certificates "
            + "(default: trust any certificate, for development).")
    Path ca;

    @Option(names = "--t1-ms", paramLabel = "MS", defaultValue = "500", description = "RFC 3261 T1 (default 500).")
    long t1;

    @Option(names = "--t2-ms", paramLabel = "MS", defaultValue = "0",
            description = "RFC 3261 T2 (default 8 x T1, i.e. 4000 for the default T1). T4 is 10 x T1 and Timer D "
                    + "64 x T1, so that a shorter T1 scales every timer alike.")
    long t2;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Event-loop threads for I/O, transactions and calls (default ${DEFAULT-VALUE}: a UA's work "
                    + "fits one loop, and one loop hands nothing across threads).")
    int threads;

    @Option(names = "--quiet", description = "Print only listening, registration, failures and the summary.")
    boolean quiet;

    @Option(names = "--max-calls", paramLabel = "N", defaultValue = "0",
            description = "Answering: exit after this many calls have ended (0: run until interrupted).")
    int maxCalls;

    @Option(names = "--100rel", paramLabel = "off|supported|required", defaultValue = "supported",
            description = "Reliable provisional responses (RFC 3262, PRACK): supported (default: the callee's "
                    + "reliable 1xx are PRACKed, ours are sent reliably when the caller requires it), required "
                    + "(INVITEs require it, every 180 is sent reliably) or off.")
    String rel100;

    @Option(names = "--late-offer",
            description = "Calling: send the INVITE without an SDP offer; the callee's offer (in a reliable 1xx or "
                    + "the 200) is answered in the PRACK or the ACK (RFC 3264, RFC 3262 §5).")
    boolean lateOffer;

    @Option(names = "--early-media",
            description = "Answering: send 183 Session Progress with the SDP answer first (reliably when the caller "
                    + "asks for 100rel), then the 200 after --ring-ms (at least 1 ms).")
    boolean earlyMedia;

    @Option(names = "--session-expires", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Session timers (RFC 4028): the session interval asked for (default ${DEFAULT-VALUE}); the "
                    + "refresher sends an UPDATE or re-INVITE at half of it, and a call nobody refreshes ends with BYE. "
                    + "0 turns session timers off.")
    int sessionExpires;

    @Option(names = "--min-se", paramLabel = "SECONDS", defaultValue = "90",
            description = "Session timers: the smallest session interval accepted; a peer asking for less gets 422 "
                    + "(default ${DEFAULT-VALUE}, the RFC 4028 floor).")
    int minSE;

    @Option(names = "--media", paramLabel = "tone|echo|silence|FILE.wav",
            description = "Carry RTP in every call: send a 1 kHz tone, silence, an echo of what arrives, or a WAV file "
                    + "(8 kHz mono, looped). Without it calls carry SDP but no media.")
    String media;

    @Option(names = "--record", paramLabel = "FILE.wav",
            description = "With --media: write the audio received in each call to this file (NAME-2.wav, … for later calls).")
    String record;

    @Option(names = "--srtp", paramLabel = "off|optional|required", defaultValue = "off",
            description = "With --media: SRTP with SDES keys (RFC 4568): off, optional (offered, used when the peer agrees) "
                    + "or required (default ${DEFAULT-VALUE}).")
    String srtp;

    @Option(names = "--rtp-ports", paramLabel = "FIRST-LAST", defaultValue = "10000-20000",
            description = "With --media: the local RTP port range (default ${DEFAULT-VALUE}).")
    String rtpPorts;

    @Option(names = "--media-threads", paramLabel = "N", defaultValue = "1",
            description = "With --media: media threads; calls are dealt over them (default ${DEFAULT-VALUE}).")
    int mediaThreads;

    @Option(names = "--udp-loss", hidden = true, defaultValue = "0",
            description = "TESTING ONLY: drop this fraction of UDP datagrams in and out.")
    double udpLoss;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private EventPrinter out;
    /**
     * How long an answering UA may hold an event line, so that the lines of that time share one write: at 1,000
     * calls/s a write per line cost 15-30 µs of CPU per call (docs/PERFORMANCE.md, UAS).
     */
    private static final long HOLD_LINES_MS = 2;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        out = new EventPrinter(w);
        validate();
        Transport t = Transport.fromToken(transport);
        InetSocketAddress bindAddress = Addresses.parse(bind, 5060);
        SipStack.Builder sb = SipStack.builder().listen(t, bindAddress)
                .timers(new TimerConfig(t1, t2 > 0 ? t2 : 8 * t1, 10 * t1, 64 * t1));
        if (t == Transport.UDP) {
            sb.listen(Transport.TCP, bindAddress); // §18.1.1: large requests switch to TCP
        }
        if (t == Transport.TLS) {
            sb.tls(cert, key, ca);
        }
        if (udpLoss > 0) {
            sb.udpLoss(udpLoss, 42);
        }
        if (threads > 0) {
            sb.threads(threads);
        }
        try (SipStack stack = sb.build()) {
            try {
                stack.start();
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("callisto ua: " + e.getMessage());
                return 1;
            }
            for (ListeningPoint lp : stack.listeningPoints()) {
                out.event("listening", "transport", lp.transport().viaToken().toLowerCase(), "address",
                        lp.host() + ":" + lp.port());
            }
            UserAgent ua = UserAgent.create(stack, config(stack));
            try (UaMedia m = startMedia(bindAddress)) {
                return run(ua, m);
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("callisto ua: --media " + media + ": " + e.getMessage());
                return 2;
            }
        }
    }

    private UaMedia startMedia(InetSocketAddress bindAddress) throws java.io.IOException {
        return media == null ? null : UaMedia.start(media, record, srtp, rtpPorts, mediaThreads,
                bindAddress.getAddress(), out);
    }

    private int run(UserAgent ua, UaMedia m) throws InterruptedException {
        if (register != null && !doRegister(ua)) {
            return 1;
        }
        if (callUri != null) {
            return new Caller(ua, out, quiet, lateOffer, m).run(callUri, count, parallel,
                    durationMs != null ? durationMs : 2000) ? 0 : 1;
        }
        if (subscribeUri != null) {
            return new Subscriber(ua, out).run(subscribeUri, event, accept, expires,
                    durationMs != null ? durationMs : 0, 64 * t1 + 1000) ? 0 : 1;
        }
        return answerLoop(ua, m);
    }

    private void validate() {
        CommandLine cl = spec.commandLine();
        if (Transport.fromToken(transport) == null
                || !java.util.Set.of(Transport.UDP, Transport.TCP, Transport.TLS, Transport.SCTP)
                        .contains(Transport.fromToken(transport))) {
            throw new CommandLine.ParameterException(cl, "--transport must be udp, tcp, tls or sctp, not '" + transport
                    + "'");
        }
        if (answer && reject != null) {
            throw new CommandLine.ParameterException(cl, "--answer and --reject exclude each other");
        }
        if (reject != null && (reject < 300 || reject > 699)) {
            throw new CommandLine.ParameterException(cl, "--reject needs a status from 300 to 699");
        }
        if (callUri == null && !answer && reject == null && register == null && subscribeUri == null) {
            throw new CommandLine.ParameterException(cl,
                    "say what to do: --answer, --reject CODE, --call URI, --subscribe URI or --register AOR");
        }
        if (subscribeUri != null && (event == null || callUri != null)) {
            throw new CommandLine.ParameterException(cl, "--subscribe needs --event NAME (and no --call)");
        }
        if (event != null) {
            try {
                io.callisto.sip.header.Event.of(event);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--event '" + event + "' is not an event package name");
            }
        }
        if (expires < 0 || (durationMs != null && durationMs < 0)) {
            throw new CommandLine.ParameterException(cl, "--expires and --duration-ms must not be negative");
        }
        if (threads < 0) {
            throw new CommandLine.ParameterException(cl, "--threads must be positive");
        }
        if (t2 != 0 && t2 < t1) {
            throw new CommandLine.ParameterException(cl, "--t2-ms must not be below --t1-ms");
        }
        if (count < 1 || parallel < 1 || ringMs < 0 || hangupAfterMs < 0 || t1 <= 0 || t2 < 0) {
            throw new CommandLine.ParameterException(cl, "counts must be positive and times not negative");
        }
        if (reliableProvisionals() == null) {
            throw new CommandLine.ParameterException(cl, "--100rel must be off, supported or required (got '"
                    + rel100 + "')");
        }
        try {
            sessionTimers();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--session-expires/--min-se: " + e.getMessage());
        }
        if ("tls".equalsIgnoreCase(transport) && (cert == null || key == null)) {
            throw new CommandLine.ParameterException(cl, "--transport tls needs --cert and --key "
                    + "(bin/callisto tls-cert makes a development pair)");
        }
        try {
            Addresses.parse(bind, 5060);
            if (registrar != null) {
                Addresses.parse(registrar, 5060);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (media == null && (record != null || !"off".equalsIgnoreCase(srtp))) {
            throw new CommandLine.ParameterException(cl, "--record and --srtp need --media");
        }
        if (mediaThreads < 1 || mediaThreads > 64) {
            throw new CommandLine.ParameterException(cl, "--media-threads must be 1 to 64");
        }
        if (media != null) {
            try {
                UaMedia.srtpMode(srtp);
                UaMedia.ports(rtpPorts);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
            if (!UaMedia.isBuiltIn(media) && !java.nio.file.Files.isReadable(java.nio.file.Path.of(media))) {
                throw new CommandLine.ParameterException(cl, "--media must be tone, echo, silence or a readable WAV "
                        + "file, not '" + media + "'");
            }
        }
        checkUri(cl, "--call", callUri);
        checkUri(cl, "--subscribe", subscribeUri);
        checkUri(cl, "--register", register);
        checkUri(cl, "--from", from);
    }

    private static void checkUri(CommandLine cl, String option, String value) {
        if (value == null) {
            return;
        }
        try {
            if (!(io.callisto.sip.uri.Uri.parse(value) instanceof io.callisto.sip.uri.SipUri)) {
                throw new CommandLine.ParameterException(cl, option + " '" + value + "': a sip: or sips: URI is needed");
            }
        } catch (io.callisto.sip.parse.ParseError e) {
            throw new CommandLine.ParameterException(cl, option + " '" + value + "' is not a SIP URI: " + e.getMessage());
        }
    }

    private ReliableProvisionals reliableProvisionals() {
        for (ReliableProvisionals p : ReliableProvisionals.values()) {
            if (p.name().equalsIgnoreCase(rel100)) {
                return p;
            }
        }
        return null;
    }

    private SessionTimers sessionTimers() {
        return sessionExpires == 0 ? new SessionTimers(false, Math.max(minSE, SessionTimers.RECOMMENDED_INTERVAL), minSE)
                : new SessionTimers(true, sessionExpires, minSE);
    }

    private UserAgentConfig config(SipStack stack) {
        String aor = register != null ? register : from;
        if (aor == null) {
            ListeningPoint lp = stack.listeningPoints().get(0);
            aor = "sip:callisto@" + lp.host() + ":" + lp.port();
        }
        UserAgentConfig.Builder b = UserAgentConfig.builder(aor).reliableProvisionals(reliableProvisionals())
                .sessionTimers(sessionTimers());
        if (password != null) {
            b.credentials(user, password);
        }
        if (registrar != null) {
            Transport t = Transport.fromToken(transport);
            b.registrar(new Destination(t, Addresses.parse(registrar, t.defaultPort())));
        }
        return b.build();
    }

    private boolean doRegister(UserAgent ua) throws InterruptedException {
        Registration r = ua.register();
        try {
            r.registered().get(64 * t1 + 5000, TimeUnit.MILLISECONDS);
            out.event("registered", "aor", register, "expires", String.valueOf(r.grantedExpires()));
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            out.event("register-failed", "aor", register, "reason", e.getCause().getMessage());
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            out.event("register-failed", "aor", register, "reason", "timeout");
            return false;
        }
    }

    private int answerLoop(UserAgent ua, UaMedia m) throws InterruptedException {
        if (!answer && reject == null) {
            // --register alone: stay registered until interrupted.
            new CountDownLatch(1).await();
            return 0;
        }
        AtomicInteger ended = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        Answerer answerer = new Answerer(out, quiet, reject, ringMs, earlyMedia, hangupAfterMs, ended, failed, maxCalls,
                done, m);
        ua.onIncomingCall(answerer::onCall);
        out.holdLines(ua.stack().owners().get(0), HOLD_LINES_MS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.event("summary", "calls", String.valueOf(ended.get()), "failed", String.valueOf(failed.get()));
            out.flush();
        }));
        done.await();
        return 0;
    }

    /** Plays the answering side for every incoming call. */
    static final class Answerer {
        private final EventPrinter out;
        private final boolean quiet;
        private final Integer reject;
        private final long ringMs;
        private final boolean earlyMedia;
        private final long hangupAfterMs;
        private final AtomicInteger ended;
        private final AtomicInteger failed;
        private final int maxCalls;
        private final CountDownLatch done;
        private final UaMedia media;

        Answerer(EventPrinter out, boolean quiet, Integer reject, long ringMs, boolean earlyMedia, long hangupAfterMs,
                 AtomicInteger ended, AtomicInteger failed, int maxCalls, CountDownLatch done, UaMedia media) {
            this.media = media;
            this.out = out;
            this.quiet = quiet;
            this.reject = reject;
            this.ringMs = ringMs;
            this.earlyMedia = earlyMedia;
            this.hangupAfterMs = hangupAfterMs;
            this.ended = ended;
            this.failed = failed;
            this.maxCalls = maxCalls;
            this.done = done;
        }

        void onCall(Call call) {
            if (!quiet) {
                out.event("incoming", "call", call.callId(), "from", String.valueOf(call.remoteUri()));
            }
            call.addListener(e -> onEvent(call, e));
            if (reject != null) {
                call.reject(reject, null);
            } else if (media == null) {
                call.answerOffersWith(CliSdp.answerer(CliSdp.CALLEE_PORT));
                answerWith(call, CliSdp.answerFor(call));
            } else {
                media.open().whenComplete((m, err) -> {
                    if (err != null) {
                        call.reject(503, "no media port");
                        return;
                    }
                    media.follow(m, call, call.callId());
                    Body answer = m.answerTo(call);
                    if (answer == null) {
                        call.reject(488, null);
                        m.close();
                    } else {
                        answerWith(call, answer);
                    }
                });
            }
        }

        private void answerWith(Call call, Body answer) {
            if (earlyMedia) {
                // 183 with the answer (reliable when the caller asks for 100rel); the 200 repeats it
                call.sessionProgress(answer);
                CompletableFutures.delay(Math.max(1, ringMs), () -> call.answer(answer));
            } else if (ringMs > 0) {
                call.ring();
                CompletableFutures.delay(ringMs, () -> call.answer(answer));
            } else {
                call.answer(answer);
            }
        }

        private void onEvent(Call call, CallEvent e) {
            if (e.type() != CallEvent.Type.STATE_CHANGED) {
                if (!quiet) {
                    out.event(e.type().name().toLowerCase().replace('_', '-'), "call", call.callId());
                }
                return;
            }
            if (e.state() == CallState.CONFIRMED && hangupAfterMs > 0) {
                CompletableFutures.delay(hangupAfterMs, call::hangup);
            }
            if (e.state() == CallState.TERMINATED) {
                ended.incrementAndGet();
                boolean ok = reject != null ? e.status() == reject : e.status() == 200 || e.status() == 0;
                if (!ok) {
                    failed.incrementAndGet();
                }
                if (!quiet || !ok) {
                    out.event("ended", "call", call.callId(), "status", String.valueOf(e.status()), "reason",
                            e.reason());
                }
                if (maxCalls > 0 && ended.get() >= maxCalls) {
                    done.countDown();
                }
            } else if (!quiet) {
                out.event(e.state().name().toLowerCase(), "call", call.callId(), "status", String.valueOf(e.status()));
            }
        }
    }

}
