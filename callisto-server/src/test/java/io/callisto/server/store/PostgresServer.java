package io.callisto.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PostgreSQL server for tests: the Debian binaries ({@code /usr/lib/postgresql/VERSION/bin}, package
 * {@code postgresql}), {@code initdb} in a temporary directory, {@code postgres} on 127.0.0.1 with a free port and
 * its socket in that directory, trust authentication for user {@code postgres}. PostgreSQL refuses to run as root,
 * so when the tests run as root both commands run as the {@code postgres} system user (through {@code setpriv},
 * which execs, so the process we hold is the postmaster itself). {@link #close()} stops it by PID and deletes the
 * directory.
 *
 * <p>When the binaries are missing, {@link #start()} fails with a message saying what to install: tests that need
 * PostgreSQL fail rather than skip silently.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final boolean asRoot;
    private final int port;
    private Process postmaster;

    private PostgresServer(Path bin, Path root, boolean asRoot, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.asRoot = asRoot;
        this.port = port;
    }

    /** Initializes a cluster in a new temporary directory and starts it; waits (at most 60 s) until it accepts. */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean asRoot = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        Path root = Files.createTempDirectory("callisto-pg-");
        PostgresServer pg = new PostgresServer(bin, root, asRoot, freePort());
        try {
            if (asRoot) {
                chown(root, SYSTEM_USER);
            }
            pg.run(120, bin.resolve("initdb").toString(), "-D", pg.data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            pg.startPostmaster();
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} holding {@code initdb} and {@code postgres}. */
    static Path findBinaries() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_ROOT)) {
                for (Path v : versions) {
                    Path b = v.resolve("bin");
                    if (Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres"))) {
                        found.add(b);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("PostgreSQL server binaries not found (no " + DEBIAN_ROOT
                    + "/*/bin/initdb and postgres). These tests need them: apt-get install -y postgresql");
        }
        found.sort((a, b) -> Integer.compare(version(b), version(a)));
        return found.get(0);
    }

    private static int version(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void chown(Path p, String user) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName(user);
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(user));
        view.setGroup(group);
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

    private void run(int timeoutSeconds, String... args) throws IOException, InterruptedException {
        Path log = root.resolve("cmd.log");
        Process p = command(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException(args[0] + " did not finish within " + timeoutSeconds + " s: " + Files.readString(log));
        }
        if (p.exitValue() != 0) {
            throw new IOException(args[0] + " failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
    }

    private void startPostmaster() throws IOException, InterruptedException {
        Path log = root.resolve("postgres.log");
        postmaster = command(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-k", root.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                "-c", "max_connections=60", "-c", "shared_buffers=16MB")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "").close();
                return;
            } catch (SQLException e) {
                if (!postmaster.isAlive()) {
                    throw new IOException("postgres exited (" + postmaster.exitValue() + "): " + Files.readString(log));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("postgres did not accept connections within 60 s: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    /** The JDBC URL of {@code database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser (no password: trust authentication). */
    public String user() {
        return "postgres";
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Creates {@code database} (a plain identifier); returns its JDBC URL. */
    public String createDatabase(String database) throws SQLException {
        execute("postgres", "CREATE DATABASE " + database);
        return jdbcUrl(database);
    }

    /** Runs one statement in {@code database} as the superuser. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(database), user(), "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Stops the server (fast shutdown, by PID) and starts it again on the same port and data. */
    public void restart() throws IOException, InterruptedException {
        stopPostmaster();
        startPostmaster();
    }

    private void stopPostmaster() throws IOException, InterruptedException {
        Process p = postmaster;
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                // SIGINT: PostgreSQL's "fast" shutdown (ends the sessions, checkpoints, exits)
                new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor(10, TimeUnit.SECONDS);
                p.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            postmaster = null;
        }
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws IOException {
        try {
            stopPostmaster();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(root);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
