package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real SIPp (Debian package sip-tester) on loopback, bounded in time, and cleans up by PID. */
final class Sipp {
    private Sipp() {}

    /** The sipp binary; fails with the install hint when it is missing (CI installs it in .ci/run). */
    static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "sipp");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("SIPp is not installed: run `apt-get install -y sip-tester` (see CONTRIBUTING.md)");
    }

    record Result(int exitCode, String output) {}

    /** Starts sipp in the background; the caller waits for it and must {@link #stop} it. */
    static Process start(Path workDir, String... args) throws IOException {
        return startNamed(workDir, "sipp-output.txt", args);
    }

    /** As {@link #start}, with the screen output in {@code workDir/outputName} (several sipps in one directory). */
    static Process startNamed(Path workDir, String outputName, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        return Reaper.track(new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(outputName).toFile()).start());
    }

    /** Waits at most {@code seconds} for a started sipp to end; fails the test (with its output) if it does not. */
    static int awaitExit(Process p, Path output, int seconds) throws IOException, InterruptedException {
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        assertThat(done).as("sipp (pid %d) finished within %d s:\n%s", p.pid(), seconds, tail(output)).isTrue();
        return p.exitValue();
    }

    /** The end of a sipp output file (its final statistics screen), for failure messages. */
    static String tail(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "(no output)";
        }
        String s = Files.readString(output, StandardCharsets.ISO_8859_1);
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }

    /** A UDP port free on 127.0.0.1 right now (for a sipp that must listen on a known port). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A scenario file of src/test/resources/sipp (see its README.md), as a path sipp can read. */
    static String scenario(String name) {
        java.net.URL url = Sipp.class.getResource("/sipp/" + name);
        if (url == null) {
            throw new AssertionError("no scenario sipp/" + name + " on the test classpath");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Waits (bounded) until UDP {@code port} is bound, i.e. a sipp started with {@code -p port} is ready to receive,
     * so that a caller's first request is not lost to a port not yet open. Reads Linux's /proc/net/udp (probing
     * by binding the port could steal it from sipp); elsewhere it returns at once and retransmission covers the gap.
     */
    static void awaitUdpBound(Process sipp, int port, int seconds) throws Exception {
        Path table = Path.of("/proc/net/udp");
        if (!Files.isReadable(table)) {
            return;
        }
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(table)) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 1 && (cols[1] + " ").endsWith(local)) {
                    return;
                }
            }
            if (!sipp.isAlive()) {
                if (sipp.exitValue() == 0) {
                    // a short client scenario (a REGISTER and its answers) can end between two looks at the table:
                    // it did bind, and whoever started it checks its result
                    return;
                }
                throw new AssertionError("sipp exited with " + sipp.exitValue() + " before binding port " + port);
            }
            sipp.waitFor(20, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("sipp did not bind UDP port " + port + " within " + seconds + " s");
    }

    /**
     * Waits (bounded) until sipp's message log ({@code -trace_msg -message_file FILE}, written as it goes) shows a
     * received message whose first line starts with {@code startLine}, followed by a message sipp sent.
     */
    static void awaitReceivedAndAnswered(Path messageLog, String startLine, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(messageLog)) {
                String log = Files.readString(messageLog, StandardCharsets.ISO_8859_1);
                int at = log.indexOf("\n" + startLine);
                if (at >= 0 && log.indexOf("message sent", at) >= 0) {
                    return;
                }
            }
            Thread.sleep(20); // polling a file another process writes; no timer of ours depends on it
        }
        throw new AssertionError("sipp's message log shows no answered '" + startLine + "' within " + seconds + " s");
    }

    /**
     * True when this sipp was built with TLS: {@code sipp -v} names its build options ("-TLS-" among them). The
     * Debian sip-tester 3.6.1 package is built without OpenSSL ("SIPp v3.6.1-SCTP-PCAP-RTPSTREAM"), and
     * {@code -t l1} then stops with "To use a TLS transport you must compile SIPp with OpenSSL".
     */
    static boolean supportsTls() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary(), "-v").redirectErrorStream(true).start();
        try {
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return version.contains("TLS");
        } finally {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The final counters of a run started with {@code -trace_stat -stf FILE}: the last line of SIPp's statistics
     * file (CSV with ';'), by column name, e.g. {@code SuccessfulCall(C)}, {@code FailedCall(C)}.
     */
    record Stats(Map<String, String> columns) {

        static Stats read(Path csv) throws IOException {
            assertThat(csv).as("sipp statistics file").exists();
            List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
            assertThat(lines).as("sipp statistics: a header and at least one line").hasSizeGreaterThan(1);
            String[] names = lines.get(0).split(";", -1);
            String[] values = lines.get(lines.size() - 1).split(";", -1);
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < names.length && i < values.length; i++) {
                m.put(names[i], values[i]);
            }
            return new Stats(m);
        }

        /** A cumulative counter, e.g. {@code count("SuccessfulCall")} reads {@code SuccessfulCall(C)}. */
        long count(String counter) {
            String v = columns.get(counter + "(C)");
            if (v == null) {
                throw new AssertionError("no column " + counter + "(C) in sipp statistics " + columns.keySet());
            }
            return Long.parseLong(v.trim());
        }

        @Override
        public String toString() {
            return "successful=" + columns.get("SuccessfulCall(C)") + " failed=" + columns.get("FailedCall(C)")
                    + " retransmissions=" + columns.get("Retransmissions(C)") + " unexpected="
                    + columns.get("FailedUnexpectedMessage(C)") + " timeouts=" + columns.get("FailedTimeoutOnRecv(C)");
        }
    }

    /** Kills sipp and its children by PID if still running. */
    static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    /** Runs sipp with the arguments, waits at most {@code seconds}, then kills it; returns exit code and output. */
    static Result run(Path workDir, int seconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("sipp-output.txt");
        Process p = Reaper.track(new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start());
        try {
            boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
            assertThat(done).as("sipp finished within %d s (pid %d)", seconds, p.pid()).isTrue();
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
