package io.callisto.server.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test class's {@code main} with this JVM's java and class path. Its standard output is read
 * on a daemon thread: lines starting with {@link #MARK} are its answers to the test ({@link #nextLine}); any other
 * line (logging) is copied to our standard error, as is its standard error. Closing it kills it (by PID) if still
 * alive.
 */
final class ChildJvm implements AutoCloseable {

    /** The prefix of a line meant for the test. */
    static final String MARK = "@@ ";
    private static final String EOF = new String("<eof>");

    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith(MARK)) {
                        lines.add(line.substring(MARK.length()));
                    } else {
                        System.err.println("[child " + process.pid() + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the child died
            }
            lines.add(EOF);
        }, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} of {@code mainClass} with {@code args}. */
    static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(pb.start());
    }

    /** The next answer (without its mark), or null when none came within {@code timeoutMillis} or the child ended. */
    String nextLine(long timeoutMillis) throws InterruptedException {
        String s = lines.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (s == EOF) {
            lines.add(EOF);
            return null;
        }
        return s;
    }

    /** The process. */
    Process process() {
        return process;
    }

    /** SIGKILL, then a bounded wait for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " still alive 30 s after SIGKILL");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
