package io.callisto.server.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.callisto.server.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The connection pool (HikariCP) of the stores and the facts about the database behind it: its {@link Dialect}, the
 * node id, and how to open the dedicated notification connection (PostgreSQL).
 *
 * <p>H2 runs embedded from {@code dataDir/callisto.mv.db} with these URL settings (docs/server-stores.md):
 * <ul>
 *   <li>{@code WRITE_DELAY=0}: H2 2.x then ends every committing transaction with a synchronous
 *       {@code MVStore.commit()}, which writes the new chunk to the file before {@code commit()} returns, so a
 *       committed change survives {@code kill -9} of the JVM (the default, 500 ms, leaves commits in memory until a
 *       background thread writes them). The file is not fsync'ed per commit: an operating-system crash or power
 *       loss may still lose the last commits.</li>
 *   <li>{@code AUTO_SERVER=TRUE}: the first process to open the file also serves it over TCP, so a second process
 *       ({@code bin/callisto user add} while the server runs) connects through it instead of failing on the file
 *       lock. H2 binds that server to {@code h2.bindAddress}, set here to 127.0.0.1 unless the operator set it, and
 *       the database has a random password kept in {@code dataDir/callisto.secret} (owner-only), so the port is
 *       of no use to others.</li>
 *   <li>H2's default {@code DB_CLOSE_ON_EXIT=TRUE} stays (AUTO_SERVER refuses the alternative): at JVM exit H2's own
 *       shutdown hook closes the file, and a write still queued then fails (it was never acknowledged).</li>
 * </ul>
 */
public final class Database implements AutoCloseable {

    /** File name (without H2's {@code .mv.db}) of the H2 database in the data directory. */
    public static final String H2_NAME = "callisto";
    private static final String H2_USER = "callisto";

    private final Dialect dialect;
    private final String nodeId;
    private final String url;
    private final Properties credentials;
    private final HikariDataSource pool;

    private Database(Dialect dialect, String nodeId, String url, Properties credentials, int poolSize) {
        this.dialect = dialect;
        this.nodeId = nodeId;
        this.url = url;
        this.credentials = credentials;
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("callisto-store-" + nodeId);
        hc.setJdbcUrl(url);
        hc.setDriverClassName(dialect == Dialect.H2 ? "org.h2.Driver" : "org.postgresql.Driver");
        hc.setDataSourceProperties(credentials);
        hc.setUsername(credentials.getProperty("user"));
        hc.setPassword(credentials.getProperty("password"));
        hc.setMaximumPoolSize(poolSize);
        hc.setAutoCommit(false);
        hc.setConnectionTimeout(5_000);
        this.pool = new HikariDataSource(hc);
    }

    /**
     * Opens the pool (failing at once when the database cannot be reached) and creates the schema if missing.
     *
     * @throws SQLException when the database is unreachable, refuses the credentials, or has a newer schema
     */
    public static Database open(StoreConfig config) throws SQLException {
        Database db;
        try {
            db = config.kind() == StoreConfig.Kind.H2 ? openH2(config) : openPostgres(config);
        } catch (RuntimeException e) {
            // HikariCP reports an unreachable database as PoolInitializationException (unchecked)
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw new SQLException("cannot open the " + config.kind() + " store: " + cause.getMessage(), cause);
        }
        try {
            db.ensureSchema();
            return db;
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    private static Database openH2(StoreConfig config) throws SQLException {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1"); // before H2's SysProperties is first loaded
        }
        Path dir = config.dataDir().toAbsolutePath().normalize();
        String password;
        try {
            Files.createDirectories(dir);
            password = Secrets.readOrCreate(dir.resolve(H2_NAME + ".secret"));
        } catch (IOException e) {
            throw new SQLException("cannot prepare the data directory " + dir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + dir.resolve(H2_NAME) + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        Properties p = new Properties();
        p.setProperty("user", H2_USER);
        p.setProperty("password", password);
        return new Database(Dialect.H2, config.nodeId(), url, p, config.poolSize());
    }

    private static Database openPostgres(StoreConfig config) {
        Properties p = new Properties();
        if (config.dbUser() != null) {
            p.setProperty("user", config.dbUser());
        }
        if (config.dbPassword() != null) {
            p.setProperty("password", config.dbPassword());
        }
        p.setProperty("ApplicationName", "callisto-" + config.nodeId());
        p.setProperty("tcpKeepAlive", "true");
        return new Database(Dialect.POSTGRES, config.nodeId(), config.jdbcUrl(), p, config.poolSize());
    }

    private void ensureSchema() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = connection()) {
                Schema.ensure(c);
                return;
            } catch (SQLException e) {
                // two processes creating the schema at once: the loser sees a duplicate; the second try finds it
                if (attempt == 2 || e.getMessage() != null && e.getMessage().contains("schema version")) {
                    throw e;
                }
            }
        }
    }

    /** A pooled connection (auto-commit off); close it to give it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** A new connection outside the pool (auto-commit on), for PostgreSQL's LISTEN; the caller closes it. */
    public Connection dedicatedConnection(String applicationName) throws SQLException {
        Properties p = new Properties();
        p.putAll(credentials);
        if (dialect == Dialect.POSTGRES) {
            p.setProperty("ApplicationName", applicationName);
        }
        return DriverManager.getConnection(url, p);
    }

    /** H2 or PostgreSQL. */
    public Dialect dialect() {
        return dialect;
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /** The pool itself (tests close it to simulate a failing database). */
    public HikariDataSource pool() {
        return pool;
    }

    /** Closes the pool; with H2, the database file is closed when its last connection goes. */
    @Override
    public void close() {
        pool.close();
    }
}
