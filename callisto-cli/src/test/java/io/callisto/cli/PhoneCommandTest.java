package io.callisto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callisto phone} in process: usage errors exit 2 with a message, and a console session from a script. */
class PhoneCommandTest {

    @TempDir
    Path dir;

    @Test
    void badArgumentsExitWithTwoAndSayWhy() {
        assertUsage("--transport must be udp, tcp or tls, not 'carrier-pigeon'", "--transport", "carrier-pigeon");
        assertUsage("--registrar needs --account", "--registrar", "127.0.0.1:5060");
        assertUsage("--account 'bob' is not a SIP URI", "--account", "bob");
        assertUsage("--srtp must be off, optional or required, not 'maybe'", "--srtp", "maybe");
        assertUsage("RTP port range must look like 10000-20000", "--rtp-ports", "10000");
        assertUsage("--dtmf 'x1': digits are 0-9 * # A-D", "--dtmf", "x1");
        assertUsage("no such readable file", "--play", dir.resolve("missing.wav").toString());
        assertUsage("the directory does not exist", "--record", dir.resolve("no/such/dir/r.wav").toString());
        assertUsage("'1002' needs a domain", "--call", "1002");
        assertUsage("--password and --password-file exclude each other", "--password", "a", "--password-file", "f");
        assertUsage("times and counts must not be negative", "--hangup-after-ms", "-1");
        assertUsage("--answer-after-ms needs --auto-answer", "--answer-after-ms", "500");
        assertUsage("Unknown option: '--frobnicate'", "--frobnicate");
    }

    @Test
    void runsAScriptThenStandardInputUntilQuit() throws Exception {
        Path script = dir.resolve("script.txt");
        Files.writeString(script, "# comments and blank lines are skipped\n\nstatus\nhangup\nfrobnicate\n");
        LintCommandTest.Run r = LintCommandTest.run(new ByteArrayInputStream(
                "calls\nhelp\nquit\nstatus\n".getBytes(StandardCharsets.UTF_8)), "phone", "--bind", "127.0.0.1:0",
                "--rtp-ports", "42000-42099", "--script", script.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains(" listening transport=udp address=127.0.0.1:")
                .contains(" status registered=off calls=none")
                .contains(" error reason=\"there is no call\"")
                .contains(" error reason=\"unknown command 'frobnicate' (try: help)\"")
                .contains(" call calls=none")
                .contains(" help usage=\"call <uri|number>")
                .contains(" summary calls=0 ended=0");
        // Nothing after quit is read.
        assertThat(r.out().lines().filter(l -> l.matches("\\d+ status .*"))).hasSize(1);
    }

    /**
     * The REGISTER a phone sends to its registrar (a plain UDP socket here) names Callisto and its version in
     * User-Agent (RFC 3261 §20.41), and its To is the account.
     */
    @Test
    void registersWithCallistoUserAgent() throws Exception {
        try (java.net.DatagramSocket registrar = new java.net.DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            registrar.setSoTimeout(20_000);
            java.io.PipedOutputStream console = new java.io.PipedOutputStream();
            java.io.PipedInputStream stdin = new java.io.PipedInputStream(console);
            java.util.concurrent.CompletableFuture<LintCommandTest.Run> phone = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> LintCommandTest.run(stdin, "phone", "--bind", "127.0.0.1:0", "--account",
                            "sip:alice@example.com", "--registrar", "127.0.0.1:" + registrar.getLocalPort(),
                            "--rtp-ports", "42100-42199"));
            try {
                java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[4096], 4096);
                registrar.receive(p);
                String register = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                assertThat(register).startsWith("REGISTER sip:example.com SIP/2.0\r\n")
                        .contains("\r\nUser-Agent: Callisto/" + io.callisto.ua.Version.VERSION + "\r\n")
                        .containsPattern("(?m)^To: <sip:alice@example.com>");
            } finally {
                console.write("quit\n".getBytes(StandardCharsets.UTF_8));
                console.flush();
            }
            LintCommandTest.Run r = phone.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains(" summary calls=0 ended=0");
        }
    }

    private void assertUsage(String message, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "phone";
        all[1] = "--bind";
        all[2] = "127.0.0.1:0";
        System.arraycopy(args, 0, all, 3, args.length);
        LintCommandTest.Run r = LintCommandTest.run(all);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
