package io.callisto.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.message.Verdict;
import io.callisto.sip.parse.ParseError;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code callisto lint}: parses each file as one SIP message, as if it had arrived in one UDP datagram, and prints
 * one verdict per file. Exit 0 when all are valid, 1 when any is invalid, 2 on a usage error.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check SIP messages: each FILE holds one message, as one UDP datagram would.",
            "Exit status: 0 all valid, 1 some invalid, 2 usage error."})
final class LintCommand implements Callable<Integer> {
    /** Files larger than this are not read whole: no SIP message can be that large. */
    private static final int MAX_FILE = 1 << 20;

    @Option(names = "--json", description = "One JSON object per line: file, valid, kind, method|status, error, "
            + "header, offset, notes.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Message files; '-' reads standard input.")
    List<String> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean allValid = true;
        for (String f : files) {
            byte[] bytes = read(f);
            Result r = lint(bytes);
            allValid &= r.verdict.valid();
            out.println(json ? toJson(f, r) : toText(f, r));
        }
        out.flush();
        return allValid ? 0 : 1;
    }

    private byte[] read(String f) throws IOException {
        try {
            if (f.equals("-")) {
                return readBounded(System.in);
            }
            try (InputStream in = Files.newInputStream(Path.of(f))) {
                return readBounded(in);
            }
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + f);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + f + ": " + e.getMessage());
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_FILE + 1);
    }

    record Result(SipMessage message, Verdict verdict, int offset, byte[] bytes) {}

    /** For a message that did not parse: kind and method from the start line's first word, when it has one. */
    private static void sniffStartLine(JsonGenerator g, byte[] b) throws IOException {
        int p = 0;
        while (p < b.length && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        int q = p;
        while (q < b.length && io.callisto.sip.internal.Chars.isToken(b[q]) && q - p < 64) {
            q++;
        }
        if (q + 1 < b.length && b[q] == '/' && new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1)
                .equalsIgnoreCase("SIP")) {
            g.writeStringField("kind", "response");
        } else if (q > p && q < b.length && b[q] == ' ') {
            g.writeStringField("kind", "request");
            g.writeStringField("method", new String(b, p, q - p, java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
            g.writeNullField("kind");
        }
    }

    static Result lint(byte[] bytes) {
        if (bytes.length > MAX_FILE) {
            return new Result(null, new Verdict(false, "file larger than " + MAX_FILE + " bytes", null, 513,
                    List.of()), -1, new byte[0]);
        }
        try {
            SipMessage m = SipParser.DEFAULT.parseDatagram(bytes);
            return new Result(m, MessageValidator.validate(m), -1, bytes);
        } catch (ParseError e) {
            return new Result(null, new Verdict(false, e.reason(), e.header(), 400, List.of()), e.offset(), bytes);
        }
    }

    private static String toText(String file, Result r) {
        StringBuilder sb = new StringBuilder(file).append(": ");
        if (r.verdict.valid()) {
            sb.append("valid ").append(describe(r.message));
            for (String n : r.verdict.notes()) {
                sb.append("\n  note: ").append(n);
            }
        } else {
            sb.append("invalid: ").append(r.verdict.error());
            if (r.verdict.header() != null) {
                sb.append(" (in ").append(r.verdict.header()).append(')');
            }
            if (r.offset >= 0) {
                sb.append(" at offset ").append(r.offset);
            }
            if (r.message != null) {
                sb.append(" [").append(describe(r.message)).append(']');
            }
        }
        return sb.toString();
    }

    private static String describe(SipMessage m) {
        return m instanceof SipRequest q ? q.method() + " request"
                : ((SipResponse) m).status() + " response";
    }

    private static final JsonFactory JSON = new JsonFactory();

    private static String toJson(String file, Result r) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("file", file);
            g.writeBooleanField("valid", r.verdict.valid());
            if (r.message instanceof SipRequest q) {
                g.writeStringField("kind", "request");
                g.writeStringField("method", q.method());
            } else if (r.message instanceof SipResponse s) {
                g.writeStringField("kind", "response");
                g.writeNumberField("status", s.status());
            } else {
                sniffStartLine(g, r.bytes);
            }
            if (r.verdict.valid()) {
                g.writeNullField("error");
            } else {
                g.writeStringField("error", r.verdict.error());
                if (r.verdict.header() != null) {
                    g.writeStringField("header", r.verdict.header());
                }
                if (r.offset >= 0) {
                    g.writeNumberField("offset", r.offset);
                }
                if (r.verdict.status() > 0) {
                    g.writeNumberField("response", r.verdict.status());
                }
            }
            g.writeArrayFieldStart("notes");
            for (String n : r.verdict.notes()) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return w.toString();
    }
}
