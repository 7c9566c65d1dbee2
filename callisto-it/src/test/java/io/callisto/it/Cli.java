package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar callisto-cli/target/callisto.jar ARGS} as a separate process, the way an operator runs
 * {@code bin/callisto}: standard output and error go to files in the test's directory, every wait is bounded, and
 * {@link #close()} kills the process (and anything it started) by PID, so a failing test leaves nothing behind.
 */
final class Cli implements AutoCloseable {

    /** How long a UA may take to print its {@code listening} lines (a cold JVM on a loaded CI machine). */
    static final int START_SECONDS = 60;

    private final Process process;
    private final Path out;
    private final Path err;
    private final java.io.Writer input;

    private Cli(Process process, Path out, Path err, java.io.Writer input) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.input = input;
    }

    /**
     * The shaded jar. Maven passes its path as the {@code callisto.jar} system property (see this module's pom);
     * otherwise it is looked for above the working directory, so an IDE run works too.
     */
    static Path jar() {
        String configured = System.getProperty("callisto.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("callisto-cli/target/callisto.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("callisto-cli/target/callisto.jar is missing: run `./mvnw -B verify` from the "
                + "project root, or `./mvnw -B package -DskipTests -Djazzer.skip=true -pl callisto-cli -am` first");
    }

    /** The java launcher of the JVM running the tests, so the CLI runs on the same JDK (17, 25...). */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code callisto ARGS}; output goes to {@code dir/name.out} and {@code dir/name.err}. The caller must
     * close it (try-with-resources).
     */
    static Cli start(Path dir, String name, String... args) throws IOException {
        return start(dir, name, false, args);
    }

    /**
     * As {@link #start(Path, String, String...)}, with the process's standard input a pipe the test writes to with
     * {@link #send(String)} (for {@code callisto phone}'s console).
     */
    static Cli startInteractive(Path dir, String name, String... args) throws IOException {
        return start(dir, name, true, args);
    }

    private static Cli start(Path dir, String name, boolean interactive, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        // A small heap and the serial collector: several JVMs share a small CI machine with SIPp.
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        // Extra JVM options for debugging a run, e.g. -Dcallisto.it.jvm=-Dlogback.configurationFile=/tmp/debug.xml
        String extra = System.getProperty("callisto.it.jvm");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(interactive
                        ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")));
        // Warnings only, whatever the developer's shell says; -Dcallisto.it.log=debug turns the stack's log up.
        String level = System.getProperty("callisto.it.log");
        if (level == null || level.isBlank()) {
            pb.environment().remove("CALLISTO_LOG");
        } else {
            pb.environment().put("CALLISTO_LOG", level);
        }
        Process p = Reaper.track(pb.start());
        return new Cli(p, out, err, interactive ? new java.io.OutputStreamWriter(p.getOutputStream(),
                StandardCharsets.UTF_8) : null);
    }

    /** What a short command printed and how it exited. */
    record Result(int exitCode, String stdout, String stderr) {}

    /** Runs a command that must end on its own within {@code seconds}. */
    static Result run(Path dir, String name, int seconds, String... args) throws Exception {
        try (Cli cli = start(dir, name, args)) {
            int code = cli.awaitExit(seconds);
            return new Result(code, cli.stdout(), cli.stderr());
        }
    }

    /** Writes one line to the standard input of a process started with {@link #startInteractive}. */
    void send(String line) throws IOException {
        if (input == null) {
            throw new IllegalStateException("not started with startInteractive");
        }
        input.write(line + "\n");
        input.flush();
    }

    /**
     * Waits (bounded) until the output holds {@code count} events named {@code name} whose fields include every
     * {@code key, value} pair given, and returns the last of them; fails with the output otherwise.
     */
    UaEvent await(int seconds, String name, int count, String... keyValues) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            List<UaEvent> found = new ArrayList<>();
            for (UaEvent e : events(name)) {
                boolean all = true;
                for (int i = 0; i + 1 < keyValues.length; i += 2) {
                    all &= keyValues[i + 1].equals(e.fields().get(keyValues[i]));
                }
                if (all) {
                    found.add(e);
                }
            }
            if (found.size() >= count) {
                return found.get(found.size() - 1);
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("callisto (pid " + pid() + ") printed no " + count + " x '" + name + " "
                        + String.join(" ", keyValues) + "' within " + seconds + " s:\n" + stdout() + stderr());
            }
            Thread.sleep(50); // polls the output file the process writes
        }
    }

    /** {@link #await(int, String, int, String...)} for the first such event. */
    UaEvent await(int seconds, String name, String... keyValues) throws Exception {
        return await(seconds, name, 1, keyValues);
    }

    /** The process id, for messages. */
    long pid() {
        return process.pid();
    }

    /** Waits (bounded) until the UA printed one {@code listening} line per listening point, and returns them. */
    Listening awaitListening(int expectedPoints) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < deadline) {
            List<UaEvent> points = events("listening");
            if (points.size() >= expectedPoints) {
                return new Listening(points);
            }
            if (!process.isAlive()) {
                throw new AssertionError("callisto exited with " + process.exitValue() + " before listening:\n"
                        + stdout() + stderr());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // polls the output file; returns early if it exits
        }
        throw new AssertionError("callisto (pid " + pid() + ") printed no listening line within " + START_SECONDS
                + " s:\n" + stdout() + stderr());
    }

    /** Waits for the process to end on its own; fails the test (the process is killed by close) if it does not. */
    int awaitExit(int seconds) throws Exception {
        boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
        assertThat(done).as("callisto (pid %d) ended within %d s; output so far:\n%s%s", pid(), seconds, stdout(),
                stderr()).isTrue();
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /**
     * The stack's log lines at WARN or ERROR (the CLI's logback writes {@code HH:mm:ss.SSS LEVEL logger - msg} on
     * standard error); JVM notices such as JDK 25's native-access warnings are not counted.
     */
    List<String> stackWarnings() throws IOException {
        List<String> found = new ArrayList<>();
        for (String line : stderr().split("\n")) {
            if (line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR).*")) {
                found.add(line);
            }
        }
        return found;
    }

    /** Every event line with this name printed so far. */
    List<UaEvent> events(String name) throws IOException {
        return UaEvent.all(stdout(), name);
    }

    /** The last event with this name, or an assertion error with the whole output. */
    UaEvent last(String name) throws IOException {
        return UaEvent.last(stdout() + stderr(), name);
    }

    /** True while the process runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: SIGKILL to the process by PID (what {@link Process#destroyForcibly()} sends on Linux), no
     * shutdown hook runs; waits (bounded) until it is gone.
     */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("pid %d gone after SIGKILL", pid()).isTrue();
    }

    /**
     * SIGTERM to the process by PID (what {@link Process#destroy()} sends on Linux): its shutdown hook runs. Waits
     * (bounded) for it to exit and returns its exit status.
     */
    int terminate(int seconds) throws Exception {
        process.destroy();
        return awaitExit(seconds);
    }

    /** Kills the process and its descendants by PID if still running; waits (bounded) for it to go. */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The {@code listening} lines of a UA: one per transport it bound. */
    record Listening(List<UaEvent> points) {

        /** The port bound for {@code transport} (udp, tcp, tls). */
        int port(String transport) {
            for (UaEvent p : points) {
                if (p.get("transport").equals(transport)) {
                    String address = p.get("address");
                    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
                }
            }
            throw new AssertionError("no " + transport + " listening point in " + points);
        }
    }
}
