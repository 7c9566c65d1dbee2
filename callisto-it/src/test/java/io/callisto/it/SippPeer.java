package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One SIPp process playing a scenario of {@code src/test/resources/sipp/server} (see the README there) against a
 * Callisto server: its own SIP port and media ports on 127.0.0.1, bounded by {@code -timeout ... -timeout_error},
 * its screen, error log and message log ({@code -trace_msg}) in the test's directory, killed by PID on close.
 */
final class SippPeer implements AutoCloseable {

    private final Process process;
    private final String name;
    private final int port;
    private final Path output;
    private final Path errors;
    private final Path messages;

    private SippPeer(Process process, String name, int port, Path output, Path errors, Path messages) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.output = output;
        this.errors = errors;
        this.messages = messages;
    }

    /** A peer playing {@code sipp/server/SCENARIO}. */
    static Builder play(String scenario) {
        return new Builder(scenario);
    }

    /** Command-line options of one SIPp run. */
    static final class Builder {
        private final String scenario;
        private String remote;
        private int port;
        private String service;
        private String callId;
        private int calls = 1;
        private int timeoutSeconds = 20;
        private final List<String> extra = new ArrayList<>();

        private Builder(String scenario) {
            this.scenario = scenario;
        }

        /** Where every request goes: the server ({@code 127.0.0.1:PORT}). A pure UAS scenario needs none. */
        Builder to(String hostPort) {
            this.remote = hostPort;
            return this;
        }

        /** SIPp's own port ({@code -p}); default a free one. */
        Builder port(int p) {
            this.port = p;
            return this;
        }

        /** {@code -s}: the user part ({@code [service]}) of the scenario's AoR or target. */
        Builder service(String user) {
            this.service = user;
            return this;
        }

        /**
         * The Call-ID of call N is {@code PREFIX-N} ({@code -cid_str}): a registering callee and its caller pass
         * the same prefix, so that the INVITE reaches the callee's SIPp call (see callee.xml).
         */
        Builder callId(String prefix) {
            this.callId = prefix;
            return this;
        }

        /** {@code -m}: calls before SIPp exits (default 1). */
        Builder calls(int n) {
            this.calls = n;
            return this;
        }

        /** {@code -timeout}: SIPp's whole run (default 20 s), a failure when reached. */
        Builder timeout(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        /** More SIPp options ({@code -inf FILE}, {@code -r 50}, {@code -auth_uri D}...). */
        Builder args(String... a) {
            extra.addAll(List.of(a));
            return this;
        }

        /** Starts SIPp in {@code dir}; files are {@code NAME.out}, {@code NAME-errors.log}, {@code NAME-messages.log}. */
        SippPeer start(Path dir, String name) throws Exception {
            int p = port > 0 ? port : FreePorts.udpAndTcp();
            Path out = dir.resolve(name + ".out");
            Path err = dir.resolve(name + "-errors.log");
            Path msg = dir.resolve(name + "-messages.log");
            List<String> args = new ArrayList<>(List.of("-sf", Sipp.scenario("server/" + scenario)));
            if (remote != null) {
                args.add(remote);
            }
            args.addAll(List.of("-i", "127.0.0.1", "-p", Integer.toString(p),
                    "-mp", Integer.toString(FreePorts.udpRange(6)), "-key", "domain", CallistoServer.DOMAIN,
                    "-m", Integer.toString(calls), "-timeout", timeoutSeconds + "s", "-timeout_error", "-nostdin",
                    "-trace_msg", "-message_file", msg.toString(), "-trace_err", "-error_file", err.toString()));
            if (service != null) {
                args.addAll(List.of("-s", service));
            }
            if (callId != null) {
                args.addAll(List.of("-cid_str", callId + "-%u"));
            }
            args.addAll(extra);
            Process proc = Sipp.startNamed(dir, name + ".out", args.toArray(new String[0]));
            SippPeer peer = new SippPeer(proc, name, p, out, err, msg);
            try {
                Sipp.awaitUdpBound(proc, p, 10);
            } catch (Exception | Error e) {
                peer.close();
                throw new AssertionError(peer.report(), e);
            }
            return peer;
        }
    }

    /** SIPp's SIP port, the port of its Contact. */
    int port() {
        return port;
    }

    /** Waits (bounded) for SIPp to end on its own and returns its exit code (0: every call succeeded). */
    int awaitExit(int seconds) throws Exception {
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        assertThat(done).as("sipp %s (pid %d) ended within %d s\n%s", name, process.pid(), seconds, report())
                .isTrue();
        return process.exitValue();
    }

    /** Waits (bounded) for SIPp to end and requires exit code 0, showing its screen, errors and messages if not. */
    void assertSucceeded(int seconds) throws Exception {
        int code = awaitExit(seconds);
        assertThat(code).as("sipp %s exit code (0: every call of the scenario succeeded)\n%s", name, report())
                .isZero();
    }

    /** SIPp's message log so far. */
    String messageLog() throws IOException {
        return Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
    }

    /** The messages SIPp received so far whose first line starts with {@code startLine}, in order. */
    List<String> received(String startLine) throws IOException {
        return SippLog.messages(messageLog(), true, startLine);
    }

    /** The messages SIPp sent so far whose first line starts with {@code startLine}, in order. */
    List<String> sent(String startLine) throws IOException {
        return SippLog.messages(messageLog(), false, startLine);
    }

    /** Screen, error log and the end of the message log, for failure messages. */
    String report() {
        try {
            String log = messageLog();
            return "--- sipp " + name + " screen:\n" + Sipp.tail(output) + "\n--- errors:\n" + Sipp.tail(errors)
                    + "\n--- messages (end):\n" + (log.length() > 8000 ? log.substring(log.length() - 8000) : log);
        } catch (IOException e) {
            return "(sipp " + name + " files unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        Sipp.stop(process);
    }
}
