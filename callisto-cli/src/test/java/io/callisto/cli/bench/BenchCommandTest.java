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
