package io.callisto.server.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the durable stores live and how this node is named.
 *
 * @param kind       {@link Kind#H2} (an embedded file, single node; the default) or {@link Kind#POSTGRES} (shared by
 *                   the nodes of a cluster)
 * @param dataDir    H2: the directory of the database file {@code callisto.mv.db} (and of its password file
 *                   {@code callisto.secret}); created when missing. Unused for PostgreSQL
 * @param jdbcUrl    PostgreSQL: the JDBC URL, e.g. {@code jdbc:postgresql://db.example.com:5432/callisto}. Unused for H2
 * @param dbUser     PostgreSQL user name (null: the driver's default, or what the URL says). Unused for H2
 * @param dbPassword PostgreSQL password (null: none, or what the URL says). Unused for H2
 * @param nodeId     this server node's id, unique in a cluster (1 to 64 of {@code A-Z a-z 0-9 . _ -}); written into
 *                   the bindings this node makes and into its change notifications. Null picks a random short id
 * @param poolSize   how many pooled database connections (at least 2: one writer per store; reads come from memory)
 * @param checkpointSeconds H2: how often the location journal is checkpointed into the database file, in seconds (1
 *                   to 3600; sooner when a journal segment passes 128 MB). Unused for PostgreSQL
 */
public record StoreConfig(Kind kind, Path dataDir, String jdbcUrl, String dbUser, String dbPassword, String nodeId,
        int poolSize, int checkpointSeconds) {

    /** Default {@link #poolSize()}: one connection per store writer, plus room for reloads and the CLI. */
    public static final int DEFAULT_POOL_SIZE = 4;

    /**
     * Default {@link #checkpointSeconds()}. A checkpoint costs one row write per binding changed since the last one,
     * whatever the number of refreshes: at 20,000 REGISTER/s from 10,000 users, 5 s between checkpoints cost about
     * 7 µs of CPU per REGISTER, 30 s about a sixth of that (docs/server-stores.md, "Journal").
     */
    public static final int DEFAULT_CHECKPOINT_SECONDS = 30;

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The kind of database behind the stores. */
    public enum Kind {
        /** Embedded H2 file under {@link StoreConfig#dataDir()}: one server node (and the CLI beside it). */
        H2,
        /** PostgreSQL: several nodes share one database and notify each other of changes. */
        POSTGRES;

        /** {@code h2} or {@code postgres} (also {@code postgresql}, any case); null when neither. */
        public static Kind parse(String s) {
            if (s == null) {
                return null;
            }
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "h2" -> H2;
                case "postgres", "postgresql", "pg" -> POSTGRES;
                default -> null;
            };
        }
    }

    /** Validates the fields; a null {@code nodeId} becomes a random one. */
    public StoreConfig {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.H2) {
            Objects.requireNonNull(dataDir, "dataDir (the H2 store needs a data directory)");
            if (dataDir.toString().indexOf(';') >= 0) {
                throw new IllegalArgumentException("the data directory must not contain ';': " + dataDir);
            }
        } else {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl (the PostgreSQL store needs a JDBC URL)");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql: (got "
                        + jdbcUrl + ")");
            }
        }
        if (nodeId == null) {
            nodeId = randomNodeId();
        } else if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a node id is 1 to 64 of A-Z a-z 0-9 . _ - (got '" + nodeId + "')");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("the pool needs at least 2 connections (got " + poolSize + ")");
        }
        if (checkpointSeconds < 1 || checkpointSeconds > 3600) {
            throw new IllegalArgumentException("the checkpoint interval is 1 to 3600 seconds (got " + checkpointSeconds
                    + ")");
        }
    }

    /** An H2 store in {@code dataDir}, a random node id and the default pool. */
    public static StoreConfig h2(Path dataDir) {
        return new StoreConfig(Kind.H2, dataDir, null, null, null, null, DEFAULT_POOL_SIZE,
                DEFAULT_CHECKPOINT_SECONDS);
    }

    /** A PostgreSQL store at {@code jdbcUrl}, a random node id and the default pool. */
    public static StoreConfig postgres(String jdbcUrl, String dbUser, String dbPassword) {
        return new StoreConfig(Kind.POSTGRES, null, jdbcUrl, dbUser, dbPassword, null, DEFAULT_POOL_SIZE,
                DEFAULT_CHECKPOINT_SECONDS);
    }

    /** This configuration with another node id. */
    public StoreConfig withNodeId(String id) {
        return new StoreConfig(kind, dataDir, jdbcUrl, dbUser, dbPassword, id, poolSize, checkpointSeconds);
    }

    /** This configuration with another pool size. */
    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(kind, dataDir, jdbcUrl, dbUser, dbPassword, nodeId, size, checkpointSeconds);
    }

    /** This configuration with another checkpoint interval (H2). */
    public StoreConfig withCheckpointSeconds(int seconds) {
        return new StoreConfig(kind, dataDir, jdbcUrl, dbUser, dbPassword, nodeId, poolSize, seconds);
    }

    /** A random id of 10 characters from {@code [a-z2-7]} (50 bits): distinct nodes in practice. */
    public static String randomNodeId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder b = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Like the record's, with the password masked. */
    @Override
    public String toString() {
        return "StoreConfig[kind=" + kind + ", dataDir=" + dataDir + ", jdbcUrl=" + jdbcUrl + ", dbUser=" + dbUser
                + ", dbPassword=" + (dbPassword == null ? "null" : "***") + ", nodeId=" + nodeId + ", poolSize="
                + poolSize + ", checkpointSeconds=" + checkpointSeconds + "]";
    }
}
