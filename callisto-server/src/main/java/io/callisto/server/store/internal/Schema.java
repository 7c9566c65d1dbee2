package io.callisto.server.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables of the stores, created when missing ({@code CREATE TABLE IF NOT EXISTS}, valid on H2 2.x and
 * PostgreSQL 9.5+), and the schema version check: a database written by a newer Callisto is refused rather than
 * misread.
 */
public final class Schema {

    /** The version this code writes and reads. */
    public static final int VERSION = 1;

    /** Names of the change counters (rows of {@code change_counter}). */
    public static final String LOCATION = "location";
    /** The credentials' change counter. */
    public static final String CREDENTIALS = "credentials";

    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS location_binding ("
            + "aor VARCHAR NOT NULL, binding_key VARCHAR NOT NULL, contact VARCHAR NOT NULL,"
            + " q DOUBLE PRECISION NOT NULL, expires_at BIGINT NOT NULL, call_id VARCHAR NOT NULL,"
            + " cseq BIGINT NOT NULL, instance_id VARCHAR, reg_id INTEGER NOT NULL, path VARCHAR, source VARCHAR,"
            + " flow VARCHAR, node VARCHAR, user_agent VARCHAR, updated_at BIGINT NOT NULL,"
            + " PRIMARY KEY (aor, binding_key))", // no index on expires_at: see ExpiryIndex
        "CREATE TABLE IF NOT EXISTS credential (realm VARCHAR NOT NULL, username VARCHAR NOT NULL,"
            + " ha1_md5 VARCHAR NOT NULL, ha1_sha256 VARCHAR NOT NULL, ha1_sha512 VARCHAR NOT NULL,"
            + " PRIMARY KEY (realm, username))",
        "CREATE TABLE IF NOT EXISTS change_counter (name VARCHAR(32) PRIMARY KEY, counter BIGINT NOT NULL)",
    };

    private Schema() {
    }

    /**
     * Creates what is missing and checks the version, in one transaction. Two processes starting at once may race
     * on the first creation; the loser fails and is retried once by the caller's {@link Database#open}.
     *
     * @throws SQLException on a database error, or when the database was written by a newer schema version
     */
    public static void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : TABLES) {
                s.execute(ddl);
            }
            Integer version = null;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
                if (rs.next()) {
                    int v = rs.getInt(1);
                    version = rs.wasNull() ? null : v;
                }
            }
            if (version == null) {
                s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
            } else if (version > VERSION) {
                throw new SQLException("the database has schema version " + version + ", newer than the "
                        + VERSION + " this Callisto understands: upgrade Callisto");
            }
            ensureCounter(c, LOCATION);
            ensureCounter(c, CREDENTIALS);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        }
    }

    private static void ensureCounter(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT counter FROM change_counter WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO change_counter (name, counter) VALUES (?, 0)")) {
            p.setString(1, name);
            p.executeUpdate();
        }
    }
}
