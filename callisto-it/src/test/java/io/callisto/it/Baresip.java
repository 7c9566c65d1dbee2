package io.callisto.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.media.audio.WavFile;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * baresip (Debian {@code baresip}, 1.0) as a headless SIP peer: a configuration directory of its own ({@code -f}),
 * SIP and RTP on 127.0.0.1 only, ALSA's {@code null} device as sound card (no audio hardware needed), optionally a
 * WAV file as microphone ({@code aufile}) and the received audio recorded to WAV ({@code sndfile}), G.711, RFC 4733
 * DTMF, SDES-SRTP ({@code srtp}); one account; commands and events through its {@code ctrl_tcp} module on a loopback
 * port ({@link BaresipControl}). Killed by PID on close. docs/interop.md lists its quirks.
 */
final class Baresip implements AutoCloseable {

    /** The {@code mediaenc} account parameter. */
    enum Srtp {
        /** No {@code mediaenc}: RTP/AVP without a=crypto. */
        OFF(null),
        /** {@code mediaenc=srtp}: offers RTP/AVP with a=crypto (best effort), accepts either. */
        BEST_EFFORT("srtp"),
        /** {@code mediaenc=srtp-mand}: offers RTP/SAVP, accepts only RTP/SAVP with a usable a=crypto. */
        MANDATORY("srtp-mand");

        final String mediaenc;

        Srtp(String mediaenc) {
            this.mediaenc = mediaenc;
        }
    }

    /** How to start one: the account, its answer mode, SRTP, and the audio files. */
    static final class Setup {
        private final String account;
        private boolean autoAnswer;
        private Srtp srtp = Srtp.OFF;
        private Path play;
        private boolean record;
        private boolean rtcpMux;
        private String extra = "";

        private Setup(String account) {
            this.account = account;
        }

        /** Answers calls when told to ({@link #answer()}) or, with {@code true}, at once. */
        Setup autoAnswer(boolean auto) {
            this.autoAnswer = auto;
            return this;
        }

        Setup srtp(Srtp mode) {
            this.srtp = mode;
            return this;
        }

        /**
         * Sends this WAV file (8 kHz mono 16-bit) as its microphone. baresip ends the call when the file ends ("end
         * of file"), so it must last longer than the call.
         */
        Setup play(Path wav) {
            this.play = wav;
            return this;
        }

        /**
         * Adds an account parameter, e.g. {@code audio_codecs=PCMA} (offer and accept PCMA only) or {@code ptime=40}.
         */
        Setup param(String nameValue) {
            this.extra += ";" + nameValue;
            return this;
        }

        /** Offers and accepts rtcp-mux (RFC 5761; baresip's {@code rtcp_mux yes}, off by default). */
        Setup rtcpMux() {
            this.rtcpMux = true;
            return this;
        }

        /** Records the audio it receives ({@link #recorded()}). */
        Setup record() {
            this.record = true;
            return this;
        }

        /** Writes the configuration under {@code dir/name} and starts baresip there. */
        Baresip start(Path dir, String name) throws Exception {
            String line = account + ";answermode=" + (autoAnswer ? "auto" : "manual")
                    + (srtp.mediaenc == null ? "" : ";mediaenc=" + srtp.mediaenc) + extra;
            return Baresip.launch(dir.resolve(name), line, play, record, rtcpMux);
        }
    }

    private final Process process;
    private final Path log;
    private final Path recordings;
    private final int sipPort;
    private final BaresipControl control;

    private Baresip(Process process, Path log, Path recordings, int sipPort, BaresipControl control) {
        this.process = process;
        this.log = log;
        this.recordings = recordings;
        this.sipPort = sipPort;
        this.control = control;
    }

    /** The baresip binary; fails with the install hint when it is missing. */
    static String binary() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "baresip");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("baresip is not installed: run `apt-get install -y --no-install-recommends "
                + "baresip` (.ci/run does)");
    }

    /** A peer on its own, registered nowhere ({@code regint=0}), reached at 127.0.0.1:{@link #sipPort()}. */
    static Setup local(String user) {
        return new Setup("<sip:" + user + "@127.0.0.1>;regint=0");
    }

    /** An account line of baresip's {@code accounts} file, e.g. {@code <sip:alice@D>;auth_pass=...;outbound=...}. */
    static Setup account(String line) {
        return new Setup(line);
    }

    /**
     * Starts baresip for {@code account} (a complete {@code accounts} line) with its files in {@code dir/baresip},
     * without audio files.
     */
    static Baresip start(Path dir, String account) throws Exception {
        return launch(dir.resolve("baresip"), account, null, false, false);
    }

    private static Baresip launch(Path home, String account, Path play, boolean record, boolean rtcpMux)
            throws Exception {
        String bin = binary();
        Files.createDirectories(home);
        Path recordings = record ? Files.createDirectories(home.resolve("recordings")) : null;
        int sip = FreePorts.udpAndTcpWithNext();
        int ctrl = FreePorts.tcp();
        int rtp = FreePorts.udpRange(8);
        StringBuilder config = new StringBuilder(String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sip,
                "net_interface 127.0.0.1",
                "call_local_timeout 60",
                "audio_player alsa,null",
                "audio_source " + (play == null ? "alsa,null" : "aufile," + play.toAbsolutePath()),
                "audio_alert alsa,null",
                "rtp_ports " + rtp + "-" + (rtp + 7),
                "rtcp_mux " + (rtcpMux ? "yes" : "no"),
                "statmode_default off",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module alsa.so",
                "module srtp.so",
                ""));
        if (play != null) {
            config.append("module aufile.so\n");
        }
        if (recordings != null) {
            config.append("module sndfile.so\nsnd_path ").append(recordings).append('\n');
        }
        config.append(String.join("\n",
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + ctrl,
                ""));
        Files.writeString(home.resolve("config"), config);
        Files.writeString(home.resolve("accounts"), account + "\n");
        Path log = home.resolve("baresip.log");
        Process p = Reaper.track(new ProcessBuilder(bin, "-f", home.toString(), "-v").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
        try {
            return new Baresip(p, log, recordings, sip, BaresipControl.connect(p, ctrl, () -> read(log)));
        } catch (Exception | Error e) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its SIP port (UDP and TCP). */
    int sipPort() {
        return sipPort;
    }

    /** Its console output so far. */
    String log() {
        return read(log);
    }

    /** Sends a command of the menu module ({@code dial}, {@code hangup}...) and waits (bounded) for its reply. */
    JsonNode command(String command, String params) throws Exception {
        return control.command(command, params);
    }

    /** Calls {@code uri}. */
    void dial(String uri) throws Exception {
        control.command("dial", uri);
    }

    /** Answers the incoming call (answer mode manual). */
    void answer() throws Exception {
        control.command("accept", "");
    }

    /** Hangs up the current call. */
    void hangup() throws Exception {
        control.command("hangup", "");
    }

    /** Puts the current call on hold: a re-INVITE whose SDP says {@code a=sendonly} (baresip keeps sending). */
    void hold() throws Exception {
        control.command("hold", "");
    }

    /** Takes the current call off hold: a re-INVITE with {@code a=sendrecv}. */
    void resume() throws Exception {
        control.command("resume", "");
    }

    /**
     * Sends {@code digits} as RFC 4733 telephone-events in the current call, one {@code sndcode} command each,
     * {@code gapMillis} apart (baresip sends each as a short event of its own).
     */
    void sendDtmf(String digits, int gapMillis) throws Exception {
        for (char c : digits.toCharArray()) {
            control.command("sndcode", String.valueOf(c));
            Thread.sleep(gapMillis);
        }
    }

    /** Waits (bounded) for an event of {@code type} (CALL_INCOMING, CALL_ESTABLISHED, CALL_CLOSED...). */
    JsonNode awaitEvent(String type, int seconds) throws Exception {
        return control.await(n -> n.path("event").asBoolean() && type.equals(n.path("type").asText()), seconds,
                type);
    }

    /** The DTMF digits received so far, in order (its CALL_DTMF_START events). */
    String receivedDigits() throws IOException {
        StringBuilder digits = new StringBuilder();
        for (JsonNode n : control.messages()) {
            if (n.path("event").asBoolean() && "CALL_DTMF_START".equals(n.path("type").asText())) {
                digits.append(n.path("param").asText());
            }
        }
        return digits.toString();
    }

    /** Every event and reply read so far. */
    List<JsonNode> messages() throws IOException {
        return control.messages();
    }

    /**
     * The audio it received in its one call (sndfile's {@code dump-*-dec.wav}). The file is complete only once the
     * call has ended (libsndfile writes the sizes on close): wait for CALL_CLOSED first.
     */
    short[] recorded() throws IOException {
        if (recordings == null) {
            throw new IllegalStateException("started without record()");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(recordings)) {
            files = s.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).toList();
        }
        if (files.size() != 1) {
            throw new AssertionError("baresip: expected one recording in " + recordings + ", found " + files
                    + "\n" + log());
        }
        return WavFile.read(files.get(0));
    }

    @Override
    public void close() throws Exception {
        try {
            control.close();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
