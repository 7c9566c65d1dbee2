package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.transport.Destination;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.IncomingMessage;
import io.callisto.ua.Registration;
import io.callisto.transaction.TimerConfig;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIP over WebSocket (RFC 7118) with a real browser client: JsSIP {@value JsSip#VERSION} in headless Debian
 * Chromium, on a page served from loopback, registers alice to {@code callisto server --ws}, sends a MESSAGE to
 * bob (a Callisto UA registered over UDP), receives one from bob (routed over the WebSocket alice registered on,
 * a connection-bound contact) and calls bob, who answers and hangs up (the BYE reaches the browser over its
 * WebSocket through the proxy's Record-Route); once the browser is gone, a MESSAGE for alice fails at once. The page reports each step with a POST to the test's HTTP
 * server. Skipped when Chromium or npm is not installed. Chromium is killed by PID at the end.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ServerJsSipChromiumIT {

    private static final int STEP_SECONDS = 30;
    private static final int TIMER_F_SECONDS = 32;

    @TempDir
    Path dir;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    @Test
    void jssipRegistersMessagesAndCallsThroughTheServer() throws Exception {
        String chromium = chromium();
        String bundle = JsSip.bundle();
        int wsPort = FreePorts.tcp();
        try (CallistoServer server = CallistoServer.in(dir).udpOnly().args("--ws", "127.0.0.1:" + wsPort).start();
                LocalUa bob = LocalUa.start("sip:bob@" + CallistoServer.DOMAIN, TimerConfig.DEFAULT, b -> { },
                        c -> c.registrar(new Destination(Transport.UDP,
                                        new InetSocketAddress("127.0.0.1", server.port())))
                                .outboundProxy(SipUri.parse("sip:127.0.0.1:" + server.port() + ";lr")))) {
            CompletableFuture<IncomingMessage> atBob = new CompletableFuture<>();
            bob.ua.onMessage(atBob::complete);
            CompletableFuture<Call> incoming = new CompletableFuture<>();
            bob.ua.onIncomingCall(incoming::complete);
            Registration reg = bob.ua.register();
            LocalUa.await(reg.registered(), 20, "bob's registration");

            HttpServer page = pageServer(bundle, "ws://127.0.0.1:" + wsPort);
            Process browser = null;
            try {
                browser = startChromium(chromium, "http://127.0.0.1:" + page.getAddress().getPort() + "/");
                expect("registered");
                IncomingMessage m = LocalUa.await(atBob, STEP_SECONDS, "alice's MESSAGE at bob");
                assertThat(new String(m.body().bytes(), StandardCharsets.UTF_8)).isEqualTo("hello from jssip");
                assertThat(m.request().topVia().transport()).isEqualTo("UDP");
                assertThat(m.request().header("Via")).as("the proxy's Via on top of the browser's WS Via")
                        .isNotNull();
                assertThat(expect("message-ok")).endsWith("200");

                // bob → alice: the registrar's binding carries alice's WebSocket flow; the proxy sends over it
                var toAlice = bob.ua.sendMessage("sip:alice@" + CallistoServer.DOMAIN, "hello from bob");
                assertThat(LocalUa.await(toAlice, STEP_SECONDS, "response to bob's MESSAGE").status())
                        .isEqualTo(200);
                assertThat(expect("message-in")).endsWith("hello from bob");

                Call call = LocalUa.await(incoming, STEP_SECONDS, "alice's INVITE at bob");
                assertThat(call.remoteBody().type().toString()).startsWith("application/sdp");
                call.answer(Body.sdp(WebRtcAnswer.to(new String(call.remoteBody().bytes(),
                        StandardCharsets.UTF_8))));
                expect("call-confirmed");
                call.hangup();
                assertThat(expect("call-ended")).contains("remote");
                LocalUa.ended(call, STEP_SECONDS);
                assertThat(seen.get(0)).isEqualTo("registered");

                // the browser goes away: alice's binding still names its WebSocket, which is closed now, so a
                // request for her fails at once instead of being sent to the made-up host of her Contact
                List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
                all.add(browser.toHandle());
                for (ProcessHandle h : all) {
                    h.destroyForcibly();
                }
                for (ProcessHandle h : all) { // the network process holds the socket: wait for every one
                    h.onExit().get(10, TimeUnit.SECONDS);
                }
                SipResponse gone = awaitClosedWebSocket(bob);
                // §16.6 step 7: a branch that could not be sent counts as a 408 ("Next Hop Unreachable"); should
                // the server write before it has seen the close, Timer F gives the 408 ("Request Timeout")
                assertThat(gone.status()).as("final response to a MESSAGE for the departed browser").isEqualTo(408);
            } finally {
                if (browser != null) {
                    browser.descendants().forEach(ProcessHandle::destroyForcibly);
                    browser.destroyForcibly();
                    browser.waitFor(10, TimeUnit.SECONDS);
                }
                page.stop(0);
            }
        }
    }

    /**
     * Sends MESSAGEs to alice until one is not answered 200 by her (the server notices the closed connection a
     * little after the browser's death); returns that final response.
     */
    private static SipResponse awaitClosedWebSocket(LocalUa bob) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        SipResponse r;
        do {
            r = LocalUa.await(bob.ua.sendMessage("sip:alice@" + CallistoServer.DOMAIN, "anyone there?"),
                    TIMER_F_SECONDS + 8, "response to a MESSAGE for alice");
            if (r.status() == 200) {
                Thread.sleep(200);
            }
        } while (r.status() == 200 && System.nanoTime() < end);
        return r;
    }

    /** Waits for the page's report {@code name}; fails on an error or failure report. Returns the report. */
    private String expect(String name) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_SECONDS);
        while (System.nanoTime() < end) {
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            seen.add(e);
            if (e.startsWith("error") || e.contains("failed")) {
                throw new AssertionError("the page reported '" + e + "' (so far: " + seen + ")" + serverLog());
            }
            if (e.startsWith(name + " ") || e.equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no '" + name + "' from the page within " + STEP_SECONDS + " s (so far: " + seen
                + ")" + serverLog());
    }

    private String serverLog() {
        try {
            Path out = dir.resolve("server.out");
            return Files.exists(out) ? "\nserver log tail:\n" + tail(Files.readString(out), 6000) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }

    /** Serves the page and the JsSIP bundle, and takes the page's reports. Loopback only. */
    private HttpServer pageServer(String bundle, String wsUrl) throws IOException {
        String html;
        try (InputStream in = getClass().getResourceAsStream("/jssip/page.html")) {
            assertThat(in).as("jssip/page.html on the test class path").isNotNull();
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("%WS%", wsUrl)
                    .replace("%DOMAIN%", CallistoServer.DOMAIN);
        }
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.createContext("/", x -> reply(x, "text/html; charset=utf-8", html));
        s.createContext("/jssip.js", x -> reply(x, "text/javascript; charset=utf-8", bundle));
        s.createContext("/event", x -> {
            events.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).trim());
            reply(x, "text/plain", "");
        });
        s.start();
        return s;
    }

    private static void reply(HttpExchange x, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    private Process startChromium(String chromium, String url) throws IOException {
        List<String> cmd = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--remote-debugging-port=0",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), url);
        return Reaper.track(new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("chromium.out").toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start());
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        Assumptions.abort("chromium is not installed: run `apt-get install -y chromium` (.ci/run does)");
        return null;
    }

    /** An SDP answer Chromium accepts for a JsSIP offer (no media flows: ICE has no peer candidates). */
    static final class WebRtcAnswer {
        private WebRtcAnswer() {
        }

        static String to(String offer) {
            Matcher mid = Pattern.compile("a=mid:(\\S+)").matcher(offer);
            String m = mid.find() ? mid.group(1) : "0";
            Matcher opus = Pattern.compile("a=rtpmap:(\\d+) opus/48000/2").matcher(offer);
            String pt = opus.find() ? opus.group(1) : "111";
            StringBuilder fp = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                fp.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37 + 11) & 0xff));
            }
            return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE " + m + "\r\n"
                    + "a=msid-semantic: WMS\r\n"
                    + "m=audio 9 UDP/TLS/RTP/SAVPF " + pt + "\r\nc=IN IP4 127.0.0.1\r\n"
                    + "a=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:cAlL\r\na=ice-pwd:callistocallistocallisto\r\n"
                    + "a=fingerprint:sha-256 " + fp + "\r\na=setup:active\r\na=mid:" + m + "\r\n"
                    + "a=recvonly\r\na=rtcp-mux\r\na=rtpmap:" + pt + " opus/48000/2\r\n";
        }
    }
}
