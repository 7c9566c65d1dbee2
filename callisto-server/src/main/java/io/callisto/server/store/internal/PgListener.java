package io.callisto.server.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LISTEN side of the cluster scheme ({@link Notifications}): a dedicated PostgreSQL connection, outside the
 * pool, on its own daemon thread, waiting for notifications with a timeout and turning each one from another node
 * into a reload request on the store it concerns (which runs it on its own thread).
 *
 * <p>When the connection breaks (the database restarts, the network drops) it reconnects with back-off (0.5 s
 * doubling to 10 s) and then reloads both stores completely, since notifications sent meanwhile are lost. The
 * connection is checked every 15 s while idle, so a silently dead one is noticed too.
 */
public final class PgListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Database db;
    private final JdbcLocationStore location;
    private final JdbcCredentialStore credentials;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection connection;
    private volatile boolean closed;

    /** A listener for {@code db} feeding the two stores; {@link #start} connects. */
    public PgListener(Database db, JdbcLocationStore location, JdbcCredentialStore credentials) {
        this.db = db;
        this.location = location;
        this.credentials = credentials;
        this.thread = new Thread(this::loop, "callisto-store-listen");
        this.thread.setDaemon(true);
    }

    /**
     * Connects and LISTENs on the caller's thread (so that nothing committed after this returns is missed), then
     * starts the thread.
     */
    public void start() throws SQLException {
        connection = connect();
        thread.start();
    }

    private Connection connect() throws SQLException {
        Connection c = db.dedicatedConnection("callisto-listen-" + db.nodeId());
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("LISTEN " + Notifications.LOCATION);
            s.execute("LISTEN " + Notifications.CREDENTIALS);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void loop() {
        long backoff = 500;
        while (!closed) {
            Connection c = connection;
            try {
                if (c == null) {
                    c = connect();
                    connection = c;
                    LOG.info("store notifications: connected again; reloading bindings and credentials");
                    location.reload(null);
                    credentials.reload(null, null);
                }
                backoff = 500;
                listen(c);
            } catch (SQLException e) {
                if (closed) {
                    break;
                }
                LOG.warn("store notifications: connection lost or refused ({}); retrying in {} ms", e.getMessage(),
                        backoff);
                connection = null;
                closeQuietly(c);
                try {
                    if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ie) {
                    break;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
        closeQuietly(connection);
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (!closed) {
            PGNotification[] ns = pg.getNotifications(WAIT_MILLIS);
            if (ns != null) {
                for (PGNotification n : ns) {
                    dispatch(n.getName(), n.getParameter());
                }
            }
            if (System.nanoTime() - lastCheck > CHECK_NANOS) {
                if (!c.isValid(5)) {
                    throw new SQLException("the connection no longer answers");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void dispatch(String channel, String payload) {
        if (payload == null || db.nodeId().equals(Notifications.node(payload))) {
            return; // our own change: applied already
        }
        String subject = Notifications.subject(payload);
        boolean all = Notifications.ALL.equals(subject);
        if (Notifications.LOCATION.equals(channel)) {
            location.reload(all ? null : subject);
        } else if (Notifications.CREDENTIALS.equals(channel)) {
            int tab = subject.indexOf('\t');
            if (all || tab < 0) {
                credentials.reload(null, null);
            } else {
                credentials.reload(subject.substring(0, tab), subject.substring(tab + 1));
            }
        }
    }

    /** Stops the thread and closes the connection. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        closeQuietly(connection);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
