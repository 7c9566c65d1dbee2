package io.callisto.cli.phone;

import io.callisto.cli.Addresses;
import io.callisto.cli.EventPrinter;
import io.callisto.cli.UaMedia;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgent;
import io.callisto.ua.UserAgentConfig;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callisto phone}: a terminal softphone. Commands come from standard input (and {@code --script}); every
 * event is one line {@code <ms> <event> key=value...}, followed by a {@code status} line. See docs/phone.md.
 */
@Command(name = "phone", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A terminal softphone: register, call, answer, hold, transfer, DTMF, messages, WAV audio.",
            "Type commands on standard input (help lists them); one line per event: <ms> <event> key=value...",
            "Exit status: 0 after quit or --exit-after-calls, 1 when the SIP stack cannot start, 2 usage error."})
public final class PhoneCommand implements Callable<Integer> {

    @Option(names = "--bind", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5062",
            description = "Local SIP address (default ${DEFAULT-VALUE}); port 0 picks one.")
    String bind;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls", defaultValue = "udp",
            description = "SIP transport (default ${DEFAULT-VALUE}; UDP also listens on TCP at the same port).")
    String transport;

    @Option(names = "--account", paramLabel = "URI", description = "Our address of record, e.g. sip:alice@example.com "
            + "(default sip:phone@<bind>). Numbers are dialled in its domain.")
    String account;

    @Option(names = "--registrar", paramLabel = "HOST:PORT",
            description = "Register the account here; calls and messages outside a dialog go through it too.")
    String registrar;

    @Option(names = "--user", paramLabel = "NAME", description = "Digest username (default: the account's user).")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "Digest password.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the digest password from this file.")
    Path passwordFile;

    @Option(names = "--call", paramLabel = "URI|NUMBER", description = "Place this call at start.")
    String call;

    @Option(names = "--auto-answer", description = "Answer incoming calls by themselves.")
    boolean autoAnswer;

    @Option(names = "--answer-after-ms", paramLabel = "MS", defaultValue = "0",
            description = "With --auto-answer: ring this long first (default ${DEFAULT-VALUE}).")
    long answerAfterMs;

    @Option(names = "--hangup-after-ms", paramLabel = "MS", defaultValue = "0",
            description = "End each call this long after it is answered (0: never).")
    long hangupAfterMs;

    @Option(names = "--play", paramLabel = "FILE.wav", description = "Send this WAV file (8 kHz mono 16-bit), looped (default: silence).")
    Path play;

    @Option(names = "--record", paramLabel = "FILE.wav",
            description = "Record the received audio here (the second call to FILE-2.wav, and so on).")
    Path record;

    @Option(names = "--srtp", paramLabel = "off|optional|required", defaultValue = "optional",
            description = "SRTP with SDES keys (RFC 4568): off, optional (offer and accept both; default) or required.")
    String srtp;

    @Option(names = "--dtmf", paramLabel = "DIGITS", description = "Send these DTMF digits once a call is answered.")
    String dtmf;

    @Option(names = "--rtp-ports", paramLabel = "A-B", defaultValue = "10000-20000",
            description = "UDP ports for RTP and RTCP (default ${DEFAULT-VALUE}).")
    String rtpPorts;

    @Option(names = "--exit-after-calls", paramLabel = "N", defaultValue = "0",
            description = "Exit once this many calls have ended (0: run until quit).")
    int exitAfterCalls;

    @Option(names = "--script", paramLabel = "FILE", description = "Run these commands first, then read standard input.")
    Path script;

    @Option(names = "--cert", paramLabel = "PEM", description = "TLS certificate chain (PEM).")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "TLS private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--ca", paramLabel = "PEM", description = "TLS: trust peers signed by these certificates.")
    Path ca;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PhoneOptions options = validate();
        EventPrinter out = new EventPrinter(spec.commandLine().getOut());
        SipStack.Builder sb = SipStack.builder().listen(options.transport(), options.bind()).threads(1);
        if (options.transport() == Transport.UDP) {
            sb.listen(Transport.TCP, options.bind()); // §18.1.1: large requests switch to TCP
        }
        if (options.transport() == Transport.TLS) {
            sb.tls(cert, key, ca);
        }
        try (SipStack stack = sb.build()) {
            try {
                stack.start();
            } catch (IOException e) {
                spec.commandLine().getErr().println("callisto phone: " + e.getMessage());
                return 1;
            }
            for (ListeningPoint lp : stack.listeningPoints()) {
                out.event("listening", "transport", lp.transport().viaToken().toLowerCase(Locale.ROOT), "address",
                        lp.host() + ":" + lp.port());
            }
            UserAgent ua = UserAgent.create(stack, config(stack, options));
            UaMedia media;
            try {
                media = UaMedia.start(play != null ? play.toString() : "silence",
                        record != null ? record.toString() : null, srtp, rtpPorts, options.bind().getAddress(), out);
            } catch (IOException e) {
                spec.commandLine().getErr().println("callisto phone: --play " + play + ": " + e.getMessage());
                return 2;
            }
            try (media) {
                Phone phone = new Phone(ua, out, settings(ua), media);
                CompletableFuture<Void> started = phone.start(registrar != null);
                if (call != null) {
                    // Once registered (or refused), so the callee can call back and the proxy knows us.
                    started.thenRun(() -> phone.execute(new io.callisto.cli.phone.Command.Dial(call)));
                }
                Thread console = new Thread(new Console(phone, options.script(), new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)), "callisto-phone-console");
                console.setDaemon(true);
                console.start();
                // Ctrl-C or SIGTERM: hang up and unregister as quit does (bounded), unless the phone is already
                // stopping.
                Thread hook = new Thread(() -> {
                    if (!phone.exit().isDone()) {
                        phone.quit();
                    }
                }, "callisto-phone-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                int code = phone.exit().get();
                out.event("summary", "calls", String.valueOf(phone.calls().all().size()), "ended",
                        String.valueOf(phone.calls().endedCount()));
                return code;
            }
        }
    }

    private PhoneSettings settings(UserAgent ua) {
        SipUri aor = (SipUri) ua.config().address().uri();
        return new PhoneSettings(account != null ? aor.host() : null, autoAnswer, answerAfterMs, hangupAfterMs, dtmf,
                exitAfterCalls);
    }

    private UserAgentConfig config(SipStack stack, PhoneOptions options) {
        String aor = account;
        if (aor == null) {
            ListeningPoint lp = stack.listeningPoints().get(0);
            aor = "sip:phone@" + lp.host() + ":" + lp.port();
        }
        UserAgentConfig.Builder b = UserAgentConfig.builder(aor);
        if (options.password() != null) {
            b.credentials(user, options.password());
        }
        if (registrar != null) {
            InetSocketAddress r = Addresses.parse(registrar, options.transport().defaultPort());
            b.registrar(new Destination(options.transport(), r));
            String host = r.getAddress() instanceof java.net.Inet6Address ? "[" + r.getHostString() + "]"
                    : r.getHostString();
            b.outboundProxy((SipUri) Uri.parse("sip:" + host + ":" + r.getPort() + ";lr"
                    + (options.transport() == Transport.UDP ? "" : ";transport="
                    + options.transport().viaToken().toLowerCase(Locale.ROOT))));
        }
        return b.build();
    }

    /** Checks every option; a bad one is a usage error (exit 2) with a message naming it. */
    private PhoneOptions validate() {
        CommandLine cl = spec.commandLine();
        try {
            Transport t = Transport.fromToken(transport);
            if (t == null || !Set.of(Transport.UDP, Transport.TCP, Transport.TLS).contains(t)) {
                throw new IllegalArgumentException("--transport must be udp, tcp or tls, not '" + transport + "'");
            }
            if (t == Transport.TLS && (cert == null || key == null)) {
                throw new IllegalArgumentException("--transport tls needs --cert and --key");
            }
            InetSocketAddress bindAddress = Addresses.parse(bind, 5060);
            if (registrar != null) {
                Addresses.parse(registrar, 5060);
                if (account == null) {
                    throw new IllegalArgumentException("--registrar needs --account (the address of record)");
                }
            }
            checkUri("--account", account);
            if (password != null && passwordFile != null) {
                throw new IllegalArgumentException("--password and --password-file exclude each other");
            }
            String secret = password != null ? password : passwordFile != null ? readPassword() : null;
            if (answerAfterMs < 0 || hangupAfterMs < 0 || exitAfterCalls < 0) {
                throw new IllegalArgumentException("times and counts must not be negative");
            }
            if (answerAfterMs > 0 && !autoAnswer) {
                throw new IllegalArgumentException("--answer-after-ms needs --auto-answer");
            }
            if (dtmf != null && !(CommandParser.parse("dtmf " + dtmf) instanceof io.callisto.cli.phone.Command.Dtmf)) {
                throw new IllegalArgumentException("--dtmf '" + dtmf + "': digits are 0-9 * # A-D");
            }
            if (call != null) {
                Targets.resolve(call, account != null ? ((SipUri) Uri.parse(account)).host() : null);
            }
            UaMedia.srtpMode(srtp);
            UaMedia.ports(rtpPorts);
            readable(play);
            writable(record);
            return new PhoneOptions(t, bindAddress, secret,
                    script != null ? Files.readAllLines(readable(script)) : List.of());
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    private String readPassword() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-file " + passwordFile + ": cannot read it (" + e + ")");
        }
    }

    private static Path readable(Path p) {
        if (p != null && !Files.isReadable(p)) {
            throw new IllegalArgumentException(p + ": no such readable file");
        }
        return p;
    }

    private static Path writable(Path p) {
        if (p != null) {
            Path dir = p.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new IllegalArgumentException("--record " + p + ": the directory does not exist");
            }
        }
        return p;
    }

    private static void checkUri(String option, String value) {
        if (value == null) {
            return;
        }
        try {
            if (!(Uri.parse(value) instanceof SipUri)) {
                throw new IllegalArgumentException(option + " '" + value + "': a sip: or sips: URI is needed");
            }
        } catch (ParseError e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a SIP URI: " + e.getMessage());
        }
    }
}
