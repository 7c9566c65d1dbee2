package io.callisto.server.store;

import io.callisto.server.auth.CredentialStore;
import io.callisto.server.location.LocationStore;
import io.callisto.server.store.internal.Database;
import io.callisto.server.store.internal.JdbcCredentialStore;
import io.callisto.server.store.internal.JdbcLocationStore;
import io.callisto.server.store.internal.PgListener;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable location and credential stores of a server node, on one database: an embedded H2 file (one node) or
 * PostgreSQL (a cluster). Reads are served from memory; a write's future completes once the change is committed
 * and would survive {@code kill -9} of the process; changes made by other processes reach memory through
 * PostgreSQL notifications, or, on H2, by polling a change counter every 2 s. docs/server-stores.md has the details.
 *
 * <p>Futures of writes complete, and location listeners run, on the stores' own threads: callbacks must not block
 * (hand the work to the Call-ID's owner).
 */
public final class Stores implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
    /** How often an H2 store polls for changes made by other processes. */
    static final long H2_POLL_MILLIS = 2_000;

    private final StoreConfig config;
    private final Database db;
    /** Directory of the H2 location store's journal, under the data directory (docs/server-stores.md). */
    public static final String JOURNAL_DIR = "location-journal";

    private final JdbcLocationStore location;
    private final JdbcCredentialStore credentials;
    private final PgListener listener;

    private Stores(StoreConfig config, Database db, JdbcLocationStore location, JdbcCredentialStore credentials,
            PgListener listener) {
        this.config = config;
        this.db = db;
        this.location = location;
        this.credentials = credentials;
        this.listener = listener;
    }

    /**
     * Opens the database (creating the H2 data directory, and the schema, when missing), loads every unexpired
     * binding and every credential into memory, and starts the stores' threads. Blocks while it loads: call it at
     * start-up, not on an event loop.
     *
     * @throws SQLException when the database cannot be opened or read (the message says why)
     */
    public static Stores open(StoreConfig config) throws SQLException {
        Database db = Database.open(config);
        JdbcLocationStore location = new JdbcLocationStore(db, H2_POLL_MILLIS,
                db.dialect().notifies() ? null : config.dataDir().resolve(JOURNAL_DIR),
                config.checkpointSeconds() * 1000L);
        JdbcCredentialStore credentials = new JdbcCredentialStore(db, H2_POLL_MILLIS);
        PgListener listener = db.dialect().notifies() ? new PgListener(db, location, credentials) : null;
        try {
            if (listener != null) {
                listener.start(); // LISTEN before loading: nothing committed after the load is missed
            }
            location.start();
            credentials.start();
        } catch (SQLException | RuntimeException e) {
            if (listener != null) {
                listener.close();
            }
            location.close();
            credentials.close();
            db.close();
            throw e;
        }
        LOG.info("stores open: {} ({} bindings, {} credentials), node {}",
                config.kind() == StoreConfig.Kind.H2 ? "H2 in " + config.dataDir() : "PostgreSQL " + config.jdbcUrl(),
                location.bindingCount(), credentials.list().size(), config.nodeId());
        return new Stores(config, db, location, credentials, listener);
    }

    /** The location service. */
    public LocationStore location() {
        return location;
    }

    /** The users and their digest secrets. */
    public CredentialStore credentials() {
        return credentials;
    }

    /** The configuration these stores were opened with (its node id filled in). */
    public StoreConfig config() {
        return config;
    }

    /** This node's id, as written into the bindings it makes. */
    public String nodeId() {
        return config.nodeId();
    }

    /** The database underneath (tests). */
    Database database() {
        return db;
    }

    /**
     * Lets every queued write finish, then stops the listener and closes the pool (and with it the H2 file).
     * Idempotent.
     */
    @Override
    public void close() {
        location.close();
        credentials.close();
        if (listener != null) {
            listener.close();
        }
        db.close();
    }
}
