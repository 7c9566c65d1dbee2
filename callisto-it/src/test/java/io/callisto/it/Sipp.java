package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp-output.txt").toFile()).start();
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
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
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
