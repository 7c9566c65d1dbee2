package io.callisto.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code callisto lint}: verdicts, JSON fields and exit codes, run through the real command line. */
class LintCommandTest {
    static final Path TORTURE = Path.of("..", "callisto-sip", "src", "test", "resources", "rfc4475");

    record Run(int exit, String out, String err) {}

    static Run run(InputStream stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(stdin);
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static Map<String, Object> json(String line) throws IOException {
        Map<String, Object> m = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getText());
                    }
                    m.put(name, items);
                } else if (t == JsonToken.VALUE_NULL) {
                    m.put(name, null);
                } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                    m.put(name, p.getBooleanValue());
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    m.put(name, p.getIntValue());
                } else {
                    m.put(name, p.getText());
                }
            }
        }
        return m;
    }

    @Test
    void everyTortureMessageGetsItsPrescribedVerdict() throws IOException {
        Map<String, Boolean> expected = new HashMap<>();
        for (String line : Files.readAllLines(TORTURE.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length > 4) {
                expected.put(f[0], f[4].equals("valid"));
            }
        }
        List<String> args = new ArrayList<>(List.of("lint", "--json"));
        for (String name : expected.keySet()) {
            args.add(TORTURE.resolve(name).toString());
        }
        Run r = run(args.toArray(String[]::new));
        assertThat(r.exit).isEqualTo(1);
        String[] lines = r.out.strip().split("\n");
        assertThat(lines).hasSize(49);
        for (String line : lines) {
            Map<String, Object> j = json(line);
            String name = Path.of((String) j.get("file")).getFileName().toString();
            assertThat(j.get("valid")).as(name + ": " + j.get("error")).isEqualTo(expected.get(name));
            assertThat(j).containsKeys("kind", "error", "notes");
            if (Boolean.FALSE.equals(j.get("valid"))) {
                assertThat((String) j.get("error")).as(name).isNotBlank();
            } else {
                assertThat(j.get("error")).isNull();
            }
        }
    }

    @Test
    void jsonFieldsForARequestAResponseAndAnUnparseableMessage() throws IOException {
        Run r = run("lint", "--json", TORTURE.resolve("wsinv.dat").toString(),
                TORTURE.resolve("unreason.dat").toString(), TORTURE.resolve("ncl.dat").toString());
        String[] lines = r.out.strip().split("\n");
        Map<String, Object> invite = json(lines[0]);
        assertThat(invite).containsEntry("valid", true).containsEntry("kind", "request")
                .containsEntry("method", "INVITE");
        Map<String, Object> ok = json(lines[1]);
        assertThat(ok).containsEntry("kind", "response").containsEntry("status", 200);
        Map<String, Object> ncl = json(lines[2]);
        assertThat(ncl).containsEntry("valid", false).containsEntry("kind", "request")
                .containsEntry("method", "INVITE").containsEntry("error", "negative Content-Length")
                .containsEntry("header", "Content-Length").containsEntry("response", 400);
        assertThat(r.exit).isEqualTo(1);
    }

    @Test
    void allValidExitsZeroAndTextModeSaysWhy() {
        Run ok = run("lint", TORTURE.resolve("unkscm.dat").toString());
        assertThat(ok.exit).isZero();
        assertThat(ok.out).contains("valid OPTIONS request").contains("416");
        Run bad = run("lint", TORTURE.resolve("badvers.dat").toString());
        assertThat(bad.exit).isEqualTo(1);
        assertThat(bad.out).contains("invalid: unsupported SIP version SIP/7.0");
    }

    @Test
    void readsStandardInput() {
        byte[] msg = ("OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:b@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: x\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        Run r = run(new ByteArrayInputStream(msg), "lint", "-");
        assertThat(r.exit).isZero();
        assertThat(r.out).startsWith("-: valid OPTIONS request");
    }

    @Test
    void usageErrorsExitTwo(@TempDir Path dir) {
        assertThat(run("lint").exit).isEqualTo(2);
        assertThat(run("lint", "--bogus", "x").exit).isEqualTo(2);
        Run missing = run("lint", dir.resolve("nope.sip").toString());
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).contains("no such file");
        assertThat(run().exit).isEqualTo(2);
        assertThat(run("no-such-command").exit).isEqualTo(2);
    }
}
