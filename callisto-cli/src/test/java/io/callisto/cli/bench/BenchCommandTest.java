package io.callisto.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors exit 2 before anything is bound or sent; dump prints a scenario that parses. */
class BenchCommandTest {

    private static String[] captured(Runnable r) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badOptionsAreUsageErrors() {
        int[] code = new int[1];
        String[] io = captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9", "--rate", "0",
                "--calls", "1"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("--rate");
        captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9"));
        assertThat(code[0]).isEqualTo(2);
        captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9", "--calls", "1",
                "--transport", "sctp"));
        assertThat(code[0]).isEqualTo(2);
        captured(() -> code[0] = Main.run("bench", "uas", "--answer-mix", "200:90,abc"));
        assertThat(code[0]).isEqualTo(2);
        captured(() -> code[0] = Main.run("bench", "register", "--target", "127.0.0.1:9", "--calls", "1",
                "--users", "user{9..1}"));
        assertThat(code[0]).isEqualTo(2);
        io = captured(() -> code[0] = Main.run("bench", "options", "--target", "127.0.0.1:9", "--calls", "1",
                "--warmup-ms", "-1"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("--warmup-ms");
        io = captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9", "--calls", "1", "--rtp",
                "--rtp-socket", "bogus"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("--rtp-socket must be per-call or shared");
        io = captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9", "--calls", "1", "--rtp",
                "--rtp-socket", "shared", "--rtp-threads", "2"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("leave out --rtp-threads");
    }

    @Test
    void anOptionOfAnotherSubcommandIsAUsageError() {
        int[] code = new int[1];
        String[] io = captured(() -> code[0] = Main.run("bench", "call", "--target", "127.0.0.1:9", "--calls", "1",
                "--answer-mix", "200:100"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("--answer-mix");
        String target = "127.0.0.1:9";
        String[][] foreign = {
            {"uas", "--users", "u{1..2}"},
            {"uas", "--target", target},
            {"register", "--target", target, "--calls", "1", "--text", "hi"},
            {"register", "--target", target, "--calls", "1", "--to", "sip:x@y"},
            {"options", "--target", target, "--calls", "1", "--duration-ms", "5"},
            {"message", "--target", target, "--calls", "1", "--tls-cert", "c.pem"},
            {"call", "--target", target, "--calls", "1", "--inf", "f.csv"},
            {"dump", "call", "--rate", "5"}};
        for (String[] f : foreign) {
            String[] args = new String[f.length + 1];
            args[0] = "bench";
            System.arraycopy(f, 0, args, 1, f.length);
            io = captured(() -> code[0] = Main.run(args));
            assertThat(code[0]).as(String.join(" ", args)).isEqualTo(2);
            assertThat(io[1]).as(String.join(" ", args)).contains("Unknown option", f[f.length - 2]);
        }
    }

    @Test
    void eachSubcommandListsItsOwnOptions() {
        assertThat(help("uas")).contains("--answer-mix", "--ring-ms", "--tls-cert", "--duration-ms")
                .doesNotContain("--users", "--target", "--rate", "--password", "--text", "--warmup-ms");
        assertThat(help("call")).contains("--target", "--rate", "--warmup-ms", "--duration-ms", "--users", "--to")
                .doesNotContain("--answer-mix", "--ring-ms", "--expires", "--password", "--text", "--tls-cert",
                        "--inf");
        assertThat(help("register")).contains("--users", "--password", "--domain", "--expires", "--warmup-ms")
                .doesNotContain("--to=", "--from-user", "--text", "--duration-ms", "--answer-mix", "--media-port");
        assertThat(help("message")).contains("--text", "--to").doesNotContain("--expires", "--duration-ms");
        assertThat(help("run")).contains("--scenario", "--target", "--bind", "--rate", "--warmup-ms", "--inf",
                "--duration-ms", "--tls-cert", "--service").doesNotContain("--answer-mix", "--users");
        assertThat(help("dump")).contains("--to", "--users", "--expires", "--text", "--answer-mix", "--duration-ms")
                .doesNotContain("--target", "--rate", "--csv");
    }

    private static String help(String command) {
        int[] code = new int[1];
        String[] io = captured(() -> code[0] = Main.run("bench", command, "--help"));
        assertThat(code[0]).isZero();
        return io[0];
    }

    @Test
    void aScenarioNeedingFieldsWithoutInjectionIsAUsageError(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("f.xml");
        Files.writeString(xml, "<scenario><send><![CDATA[OPTIONS sip:[field2]@x SIP/2.0\nCall-ID: [call_id]\n]]>"
                + "</send></scenario>");
        int[] code = new int[1];
        String[] io = captured(() -> code[0] = Main.run("bench", "run", "--scenario", xml.toString(), "--target",
                "127.0.0.1:9", "--calls", "1"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("[field2]");
        io = captured(() -> code[0] = Main.run("bench", "run", "--scenario", dir.resolve("missing.xml").toString(),
                "--target", "127.0.0.1:9", "--calls", "1"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("cannot read");
    }

    @Test
    void dumpPrintsEachBuiltIn() {
        for (String name : new String[] {"call", "uas", "register", "options", "message"}) {
            int[] code = new int[1];
            String[] io = captured(() -> code[0] = Main.run("bench", "dump", name, "--to", "sip:x@example.com"));
            assertThat(code[0]).isZero();
            assertThat(io[0]).startsWith("<?xml").contains("<scenario name=\"" + name + "\">");
        }
        int[] code = new int[1];
        String[] io = captured(() -> code[0] = Main.run("bench", "dump", "nope"));
        assertThat(code[0]).isEqualTo(2);
        assertThat(io[1]).contains("no built-in scenario 'nope'");
    }
}
