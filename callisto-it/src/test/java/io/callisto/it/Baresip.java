package io.callisto.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * baresip (Debian {@code baresip}, 1.0) as a headless SIP client: a configuration directory of its own ({@code -f}),
 * SIP on 127.0.0.1 only ({@code net_interface 127.0.0.1}), ALSA's {@code null} device as sound card (no audio
 * hardware needed), one account whose outbound proxy is the server, and commands and events through its
 * {@code ctrl_tcp} module (JSON in netstrings) on a loopback port. Killed by PID on close.
 */
final class Baresip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int sipPort;
    private final Socket control;
    private final List<JsonNode> received = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int token;

    private Baresip(Process process, Path log, int sipPort, Socket control) {
        this.process = process;
        this.log = log;
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

    /**
     * Starts baresip for {@code account} (an {@code accounts} line, e.g. {@code <sip:alice@D>;auth_pass=...}) with
     * its files in {@code dir/baresip}, and connects to its control port (bounded wait).
     */
    static Baresip start(Path dir, String account) throws Exception {
        String bin = binary();
        Path home = Files.createDirectories(dir.resolve("baresip"));
        int sip = FreePorts.udpAndTcpWithNext();
        int ctrl = FreePorts.tcp();
        int rtp = FreePorts.udpRange(8);
        Files.writeString(home.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sip,
                "net_interface 127.0.0.1",
                "call_local_timeout 60",
                "audio_player alsa,null",
                "audio_source alsa,null",
                "audio_alert alsa,null",
                "rtp_ports " + rtp + "-" + (rtp + 7),
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module alsa.so",
                "module_tmp account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                "ctrl_tcp_listen 127.0.0.1:" + ctrl,
                ""));
        Files.writeString(home.resolve("accounts"), account + "\n");
        Path log = dir.resolve("baresip.log");
        Process p = Reaper.track(new ProcessBuilder(bin, "-f", home.toString(), "-v").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start());
        try {
            return new Baresip(p, log, sip, connect(p, ctrl, log));
        } catch (Exception | Error e) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Socket connect(Process p, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(200);
                return s;
            } catch (IOException e) {
                s.close();
            }
            if (!p.isAlive()) {
                throw new AssertionError("baresip exited (" + p.exitValue() + "):\n" + Files.readString(log));
            }
            Thread.sleep(50); // baresip is loading its modules
        }
        throw new AssertionError("baresip's ctrl_tcp port " + port + " not open within 20 s:\n" + Files.readString(log));
    }

    /** Its SIP port (UDP). */
    int sipPort() {
        return sipPort;
    }

    /** Its console output so far. */
    String log() throws IOException {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
    }

    /** Sends a command of the menu module ({@code dial}, {@code hangup}...) and waits (bounded) for its reply. */
    JsonNode command(String command, String params) throws Exception {
        String t = "t" + (++token);
        byte[] json = JSON.writeValueAsBytes(Map.of("command", command, "params", params, "token", t));
        OutputStream out = control.getOutputStream();
        out.write((json.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.write(',');
        out.flush();
        JsonNode reply = await(n -> n.path("response").asBoolean() && t.equals(n.path("token").asText()), 20,
                "reply to " + command);
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError("baresip refused " + command + ": " + reply + "\n" + log());
        }
        return reply;
    }

    /** Waits (bounded) for an event of {@code type} (CALL_ESTABLISHED, CALL_CLOSED...). */
    JsonNode awaitEvent(String type, int seconds) throws Exception {
        return await(n -> n.path("event").asBoolean() && type.equals(n.path("type").asText()), seconds, type);
    }

    /** Every event and reply read so far. */
    List<JsonNode> messages() {
        return List.copyOf(received);
    }

    private JsonNode await(java.util.function.Predicate<JsonNode> match, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        while (true) {
            for (; seen < received.size(); seen++) {
                if (match.test(received.get(seen))) {
                    return received.get(seen);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("baresip: no " + what + " within " + seconds + " s; messages " + received
                        + "\n" + log());
            }
            readSome();
        }
    }

    /** Reads what is there (at most 200 ms) and splits complete netstrings ({@code LEN:JSON,}) off. */
    private void readSome() throws IOException {
        InputStream in = control.getInputStream();
        byte[] buf = new byte[8192];
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("baresip closed its control connection");
            }
            pending.write(buf, 0, n);
        } catch (SocketTimeoutException e) {
            return;
        }
        byte[] all = pending.toByteArray();
        int p = 0;
        while (true) {
            int colon = p;
            while (colon < all.length && all[colon] != ':') {
                colon++;
            }
            if (colon >= all.length) {
                break;
            }
            int len = Integer.parseInt(new String(all, p, colon - p, StandardCharsets.US_ASCII).trim());
            if (colon + 1 + len + 1 > all.length) {
                break;
            }
            received.add(JSON.readTree(new String(all, colon + 1, len, StandardCharsets.UTF_8)));
            p = colon + 1 + len + 1; // skip the ','
        }
        pending.reset();
        pending.write(all, p, all.length - p);
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
