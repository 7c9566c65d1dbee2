package io.callisto.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL for the cluster test, from the Debian package {@code postgresql}
 * ({@code /usr/lib/postgresql/N/bin}): {@code initdb} into a directory of the test, {@code postgres} on 127.0.0.1
 * with a free port, trust authentication for user {@code postgres}, readiness by {@code pg_isready}. PostgreSQL
 * refuses to run as root, so as root both run as the {@code postgres} system user through {@code setpriv} (which
 * execs: the process held is the postmaster), in a directory of its own under the system temporary directory (the
 * {@code postgres} user cannot enter a test's private {@code @TempDir}). {@link #close()} stops it by PID (SIGINT,
 * fast shutdown; SIGKILL if it does not go) and deletes that directory.
 */
final class Postgres implements AutoCloseable {

    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path root;
    private final boolean asRoot;
    private final int port;
    private Process postmaster;

    private Postgres(Path bin, Path root, boolean asRoot, int port) {
        this.bin = bin;
        this.root = root;
        this.asRoot = asRoot;
        this.port = port;
    }

    /** Initializes and starts a cluster; waits (bounded) until it accepts connections. */
    static Postgres start() throws Exception {
        Path bin = binaries();
        boolean asRoot = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Path root = Files.createTempDirectory("callisto-it-pg-");
        Postgres pg = new Postgres(bin, root, asRoot, FreePorts.tcp());
        try {
            if (asRoot) {
                UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
                PosixFileAttributeView view = Files.getFileAttributeView(root, PosixFileAttributeView.class);
                view.setOwner(users.lookupPrincipalByName(SYSTEM_USER));
                view.setGroup(users.lookupPrincipalByGroupName(SYSTEM_USER));
            }
            pg.run(120, bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres", "-A",
                    "trust", "-E", "UTF8", "--locale=C", "--no-sync");
            pg.postmaster = Reaper.track(pg.command(bin.resolve("postgres").toString(), "-D", pg.data().toString(),
                    "-p", Integer.toString(pg.port), "-k", root.toString(), "-c", "listen_addresses=127.0.0.1",
                    "-c", "fsync=off", "-c", "max_connections=60", "-c", "shared_buffers=16MB")
                    .redirectErrorStream(true).redirectOutput(root.resolve("postgres.log").toFile()).start());
            pg.awaitReady(60);
            return pg;
        } catch (Exception | Error e) {
            pg.close();
            throw e;
        }
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} with initdb, postgres and pg_isready. */
    private static Path binaries() throws IOException {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(DEBIAN)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN)) {
                for (Path v : versions) {
                    Path b = v.resolve("bin");
                    if (Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres"))
                            && Files.isExecutable(b.resolve("pg_isready"))) {
                        found.add(b);
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("PostgreSQL is not installed (no " + DEBIAN + "/N/bin/initdb, postgres, "
                    + "pg_isready): run `apt-get install -y postgresql` (.ci/run does)");
        }
        found.sort(Comparator.comparing((Path b) -> version(b)).reversed());
        return found.get(0);
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Path data() {
        return root.resolve("data");
    }

    private ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            cmd.addAll(List.of("setpriv", "--reuid=" + SYSTEM_USER, "--regid=" + SYSTEM_USER, "--init-groups", "--"));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("LC_ALL", "C");
        return pb;
    }

    private void run(int seconds, String... args) throws Exception {
        Path log = root.resolve("command.log");
        Process p = Reaper.track(command(args).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(args[0] + " did not finish within " + seconds + " s:\n" + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(args[0] + " failed (" + p.exitValue() + "):\n" + Files.readString(log));
        }
    }

    private void awaitReady(int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            Process probe = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", "postgres", "-d", "postgres").start();
            if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return;
            }
            probe.destroyForcibly();
            if (!postmaster.isAlive()) {
                throw new AssertionError("postgres exited (" + postmaster.exitValue() + "):\n" + log());
            }
            Thread.sleep(100); // the postmaster is starting
        }
        throw new AssertionError("postgres did not accept connections within " + seconds + " s:\n" + log());
    }

    /** The JDBC URL of the {@code postgres} database (the server creates its tables there). */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The superuser, trusted without a password. */
    String user() {
        return "postgres";
    }

    /** The postmaster's log, for failure messages. */
    String log() throws IOException {
        Path log = root.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    @Override
    public void close() throws Exception {
        Process p = postmaster;
        postmaster = null;
        try {
            if (p != null && p.isAlive()) {
                // SIGINT: PostgreSQL's fast shutdown
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (var files = Files.walk(root)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
