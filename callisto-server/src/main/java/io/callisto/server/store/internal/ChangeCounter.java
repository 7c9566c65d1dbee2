package io.callisto.server.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The H2 change counters ({@code change_counter}, one row per store): every committed change increments its store's
 * row in the same transaction, and each process polls the row to notice changes that other processes made to the
 * same file (e.g. {@code bin/callisto user add} while the server runs).
 */
final class ChangeCounter {

    private ChangeCounter() {
    }

    /** Increments counter {@code name} within the caller's transaction and returns the new value. */
    static long bump(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE change_counter SET counter = counter + 1 WHERE name = ?")) {
            p.setString(1, name);
            p.executeUpdate();
        }
        return read(c, name);
    }

    /** The current value of counter {@code name}. */
    static long read(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT counter FROM change_counter WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("change counter '" + name + "' is missing");
                }
                return rs.getLong(1);
            }
        }
    }
}
