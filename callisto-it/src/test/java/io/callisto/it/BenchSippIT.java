package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/callisto bench} against real SIPp on loopback: each built-in client scenario against a SIPp server,
 * SIPp's {@code uac} against {@code bench uas}, a dumped scenario run back through {@code bench run}, and the
 * validation run: the same small load from SIPp's {@code uac} and from {@code bench call} against one SIPp
 * {@code uas} gives exactly the same call counts. Small counts, free ports, processes killed by PID.
 */
class BenchSippIT {

    private static final Pattern OUTCOME = Pattern.compile(
            "bench: (\\S+) attempted=(\\d+) succeeded=(\\d+) failed=(\\d+).* unexpected=(\\d+)");

    @TempDir
    Path dir;

    /** The counts of the stable last line {@code bench: NAME attempted=.. succeeded=.. failed=..}. */
    private static long[] outcome(Cli.Result r) {
        Matcher m = OUTCOME.matcher(r.stderr());
        assertThat(m.find()).as("bench outcome line in\n%s\n%s", r.stdout(), r.stderr()).isTrue();
        return new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
            Long.parseLong(m.group(5))};
    }

    private Process sippServer(String name, int port, String... scenario) throws Exception {
        String[] args = new String[scenario.length + 6];
        System.arraycopy(scenario, 0, args, 0, scenario.length);
        System.arraycopy(new String[] {"-i", "127.0.0.1", "-p", Integer.toString(port), "-trace_err", "-nostdin"}, 0,
                args, scenario.length, 6);
        Process p = Sipp.startNamed(dir, name + ".txt", args);
        Sipp.awaitUdpBound(p, port, 20);
        return p;
    }

    @Test
    void benchCallAgainstSippUas() throws Exception {
        int port = FreePorts.udpAndTcp();
        Process uas = sippServer("uas", port, "-sn", "uas");
        try {
            Cli.Result r = Cli.run(dir, "bench-call", 120, "bench", "call", "--target", "127.0.0.1:" + port,
                    "--rate", "50", "--calls", "150", "--duration-ms", "100", "--local-ports", "3");
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            assertThat(outcome(r)).containsExactly(150, 150, 0, 0);
            assertThat(r.stdout()).contains("answer-delay", "post-dial-delay", "response-time BYE");
        } finally {
            Sipp.stop(uas);
        }
    }

    @Test
    void sippUacAgainstBenchUas() throws Exception {
        int port = FreePorts.udpAndTcp();
        int sippPort = FreePorts.udpAndTcp();
        try (Cli bench = Cli.start(dir, "bench-uas", "bench", "uas", "--bind", "127.0.0.1:" + port, "--calls", "100",
                "--ring-ms", "20")) {
            awaitStderr(bench, "listening");
            Path stats = dir.resolve("uac.csv");
            Process uac = Sipp.startNamed(dir, "uac.txt", "-sn", "uac", "127.0.0.1:" + port, "-i", "127.0.0.1", "-p",
                    Integer.toString(sippPort), "-r", "50", "-m", "100", "-d", "50", "-trace_stat", "-stf",
                    stats.toString(), "-trace_err", "-nostdin", "-timeout", "60", "-timeout_error");
            try {
                int sippExit = Sipp.awaitExit(uac, dir.resolve("uac.txt"), 90);
                assertThat(sippExit).as("sipp uac %s", Sipp.Stats.read(stats)).isZero();
                assertThat(Sipp.Stats.read(stats).count("SuccessfulCall")).isEqualTo(100);
            } finally {
                Sipp.stop(uac);
            }
            assertThat(bench.awaitExit(60)).as(bench.stderr()).isZero();
            Cli.Result r = new Cli.Result(0, bench.stdout(), bench.stderr());
            assertThat(outcome(r)).containsExactly(100, 100, 0, 0);
        }
    }

    @Test
    void sameLoadFromSippAndFromBenchGivesTheSameCounts() throws Exception {
        int port = FreePorts.udpAndTcp();
        int sippPort = FreePorts.udpAndTcp();
        Process uas = sippServer("uas", port, "-sn", "uas");
        try {
            Path stats = dir.resolve("uac.csv");
            Sipp.Result sipp = Sipp.run(dir, 90, "-sn", "uac", "127.0.0.1:" + port, "-i", "127.0.0.1", "-p",
                    Integer.toString(sippPort), "-r", "40", "-m", "120", "-d", "100", "-trace_stat", "-stf",
                    stats.toString(), "-nostdin", "-timeout", "60", "-timeout_error");
            assertThat(sipp.exitCode()).as(sipp.output()).isZero();
            Sipp.Stats s = Sipp.Stats.read(stats);
            Cli.Result r = Cli.run(dir, "bench-call", 120, "bench", "call", "--target", "127.0.0.1:" + port,
                    "--rate", "40", "--calls", "120", "--duration-ms", "100");
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            long[] bench = outcome(r);
            assertThat(bench[0]).isEqualTo(s.count("OutgoingCall"));
            assertThat(bench[1]).isEqualTo(s.count("SuccessfulCall"));
            assertThat(bench[2]).isEqualTo(s.count("FailedCall"));
            assertThat(bench[1]).isEqualTo(120);
        } finally {
            Sipp.stop(uas);
        }
    }

    @Test
    void optionsAndMessageAgainstSippServers() throws Exception {
        for (String method : new String[] {"OPTIONS", "MESSAGE"}) {
            Path xml = dir.resolve(method + ".xml");
            Files.writeString(xml, """
                    <?xml version="1.0" encoding="ISO-8859-1" ?>
                    <scenario name="answer">
                      <recv request="%s"/>
                      <send><![CDATA[
                        SIP/2.0 200 OK
                        [last_Via:]
                        [last_From:]
                        [last_To:];tag=[call_number]
                        [last_Call-ID:]
                        [last_CSeq:]
                        Content-Length: 0
                      ]]></send>
                    </scenario>
                    """.formatted(method));
            int port = FreePorts.udpAndTcp();
            Process server = sippServer(method, port, "-sf", xml.toString());
            try {
                Cli.Result r = Cli.run(dir, "bench-" + method, 120, "bench", method.toLowerCase(), "--target",
                        "127.0.0.1:" + port, "--rate", "100", "--calls", "200");
                assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
                assertThat(outcome(r)).containsExactly(200, 200, 0, 0);
                assertThat(r.stdout()).contains("response-time " + method);
            } finally {
                Sipp.stop(server);
            }
        }
    }

    /**
     * {@code bench register} against a SIPp registrar that challenges every REGISTER (401, MD5, qop=auth) and checks
     * the answer with its own digest code ({@code verifyauth}): 200 when right, 403 when wrong.
     */
    @Test
    void registerWithDigestAgainstASippRegistrar() throws Exception {
        Path xml = dir.resolve("registrar.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="challenging registrar">
                  <recv request="REGISTER"/>
                  <send><![CDATA[
                    SIP/2.0 401 Unauthorized
                    [last_Via:]
                    [last_From:]
                    [last_To:];tag=r[call_number]
                    [last_Call-ID:]
                    [last_CSeq:]
                    WWW-Authenticate: Digest realm="bench.test", nonce="n[call_number]x[clock_tick]", qop="auth", algorithm=MD5
                    Content-Length: 0
                  ]]></send>
                  <recv request="REGISTER">
                    <action>
                      <verifyauth assign_to="ok" username="[auth_user]" password="[auth_password]"/>
                    </action>
                  </recv>
                  <nop hide="true" test="ok" next="good"/>
                  <send next="end"><![CDATA[
                    SIP/2.0 403 Forbidden
                    [last_Via:]
                    [last_From:]
                    [last_To:];tag=r[call_number]
                    [last_Call-ID:]
                    [last_CSeq:]
                    Content-Length: 0
                  ]]></send>
                  <label id="good"/>
                  <send><![CDATA[
                    SIP/2.0 200 OK
                    [last_Via:]
                    [last_From:]
                    [last_To:];tag=r[call_number]
                    [last_Call-ID:]
                    [last_CSeq:]
                    [last_Contact:];expires=60
                    Content-Length: 0
                  ]]></send>
                  <label id="end"/>
                </scenario>
                """);
        int port = FreePorts.udpAndTcp();
        Process registrar = sippServer("registrar", port, "-sf", xml.toString(), "-key", "auth_user", "alice",
                "-key", "auth_password", "alice-pw");
        try {
            Cli.Result r = Cli.run(dir, "bench-register-sipp", 120, "bench", "register", "--target",
                    "127.0.0.1:" + port, "--domain", "bench.test", "--users", "alice", "--password", "alice-pw",
                    "--rate", "20", "--calls", "20", "--expires", "60");
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            assertThat(outcome(r)).containsExactly(20, 20, 0, 0);
            Cli.Result wrong = Cli.run(dir, "bench-register-sipp-wrong", 120, "bench", "register", "--target",
                    "127.0.0.1:" + port, "--domain", "bench.test", "--users", "alice", "--password", "nope",
                    "--rate", "20", "--calls", "3");
            assertThat(wrong.exitCode()).as("%s%s", wrong.stdout(), wrong.stderr()).isEqualTo(1);
            assertThat(wrong.stderr()).contains("failed=3 {403=3}"); // SIPp's own digest check refused them
        } finally {
            Sipp.stop(registrar);
        }
    }

    @Test
    void registerWithDigestAgainstCallistoServer() throws Exception {
        Path data = dir.resolve("data");
        for (String user : new String[] {"alice", "bob"}) {
            Cli.Result added = Cli.run(dir, "user-add-" + user, 60, "user", "add", user, "--realm",
                    CallistoServer.DOMAIN, "--password", user + "-pw", "--data", data.toString());
            assertThat(added.exitCode()).as("%s%s", added.stdout(), added.stderr()).isZero();
        }
        Path users = dir.resolve("users.csv");
        Files.writeString(users, "SEQUENTIAL\nalice;alice-pw\nbob;bob-pw\n");
        try (CallistoServer server = CallistoServer.in(dir).data(data).args("--auth", "on").start()) {
            Cli.Result r = Cli.run(dir, "bench-register", 120, "bench", "register", "--target", server.hostPort(),
                    "--domain", CallistoServer.DOMAIN, "--users", users.toString(), "--rate", "20", "--calls", "40",
                    "--expires", "60");
            assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isZero();
            assertThat(outcome(r)).containsExactly(40, 40, 0, 0);
            Cli.Result wrong = Cli.run(dir, "bench-register-wrong", 120, "bench", "register", "--target",
                    server.hostPort(), "--domain", CallistoServer.DOMAIN, "--users", "alice", "--password", "nope",
                    "--rate", "20", "--calls", "3");
            assertThat(wrong.exitCode()).as("%s%s", wrong.stdout(), wrong.stderr()).isEqualTo(1);
            assertThat(wrong.stderr()).contains("failed=3 {403=3}"); // the server refuses wrong credentials
        }
    }

    @Test
    void aDumpedScenarioRunsBackAndABadOneIsAUsageError() throws Exception {
        Cli.Result dump = Cli.run(dir, "dump", 60, "bench", "dump", "options");
        assertThat(dump.exitCode()).isZero();
        Path file = dir.resolve("options.xml");
        Files.writeString(file, dump.stdout());
        int port = FreePorts.udpAndTcp(); // nobody answers there: every OPTIONS times out after --timeout-ms
        Cli.Result r = Cli.run(dir, "bench-run", 120, "bench", "run", "--scenario", file.toString(), "--target",
                "127.0.0.1:" + port, "--rate", "10", "--calls", "2", "--timeout-ms", "1000");
        assertThat(r.exitCode()).as("%s%s", r.stdout(), r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains("failed=2 {timeout=2}");

        Files.writeString(file, dump.stdout().replace("<recv response=\"200\"/>",
                "<recv response=\"200\"><action><ereg/></action></recv>"));
        Cli.Result bad = Cli.run(dir, "bench-bad", 60, "bench", "run", "--scenario", file.toString(), "--target",
                "127.0.0.1:" + port, "--calls", "1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("unsupported element <action>");
        Cli.Result usage = Cli.run(dir, "bench-usage", 60, "bench", "call", "--target", "127.0.0.1:" + port,
                "--rate", "-5", "--calls", "1");
        assertThat(usage.exitCode()).isEqualTo(2);
    }

    private static void awaitStderr(Cli cli, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.START_SECONDS);
        while (System.nanoTime() < deadline) {
            if (cli.stderr().contains(text)) {
                return;
            }
            assertThat(cli.isAlive()).as("bench exited early: %s", cli.stderr()).isTrue();
            Thread.sleep(50); // polling another process's output file; no timer of ours depends on it
        }
        throw new AssertionError("no '" + text + "' from bench within " + Cli.START_SECONDS + " s");
    }
}
