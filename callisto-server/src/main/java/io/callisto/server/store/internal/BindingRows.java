package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of {@code location_binding}: a {@link Binding} to statement parameters and back. The Path values are joined
 * with LF, which no header field value contains (RFC 3261 §7.3.1: folding is undone before a value is kept).
 */
final class BindingRows {

    private static final String SELECT = "SELECT " + Dialect.BINDING_COLUMNS + " FROM location_binding";
    /** Rows per upsert statement (15 parameters each; PostgreSQL allows 32,767 per statement). */
    private static final int ROWS_PER_STATEMENT = 64;

    private BindingRows() {
    }

    /** Inserts or replaces {@code bindings} (distinct (aor, key) pairs), up to 64 per statement. */
    static void upsert(Connection c, Dialect dialect, List<Binding> bindings) throws SQLException {
        int full = bindings.size() / ROWS_PER_STATEMENT;
        if (full > 0) {
            try (PreparedStatement p = c.prepareStatement(dialect.upsertBindings(ROWS_PER_STATEMENT))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    List<Binding> rows = bindings.subList(chunk * ROWS_PER_STATEMENT, (chunk + 1) * ROWS_PER_STATEMENT);
                    for (int i = 0; i < rows.size(); i++) {
                        set(p, i * Dialect.BINDING_COLUMN_COUNT, rows.get(i));
                    }
                    p.executeUpdate();
                }
            }
        }
        List<Binding> rest = bindings.subList(full * ROWS_PER_STATEMENT, bindings.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(dialect.upsertBindings(rest.size()))) {
                for (int i = 0; i < rest.size(); i++) {
                    set(p, i * Dialect.BINDING_COLUMN_COUNT, rest.get(i));
                }
                p.executeUpdate();
            }
        }
    }

    /** Upserts {@code upserts} and deletes {@code deletes} (either may be empty) in the caller's transaction. */
    static void write(Connection c, Dialect dialect, List<Binding> upserts, Collection<ExpiryIndex.Row> deletes)
            throws SQLException {
        if (!upserts.isEmpty()) {
            upsert(c, dialect, upserts);
        }
        if (!deletes.isEmpty()) {
            delete(c, deletes);
        }
    }

    /** Deletes the bindings {@code rows}. */
    static void delete(Connection c, Collection<ExpiryIndex.Row> rows) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM location_binding WHERE aor = ? AND binding_key = ?")) {
            for (ExpiryIndex.Row r : rows) {
                p.setString(1, r.aor());
                p.setString(2, r.key());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Deletes the bindings {@code rows} that are still expired at {@code nowMillis} (another node may have refreshed one). */
    static void deleteExpired(Connection c, Collection<ExpiryIndex.Row> rows, long nowMillis) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM location_binding WHERE aor = ? AND binding_key = ? AND expires_at <= ?")) {
            for (ExpiryIndex.Row r : rows) {
                p.setString(1, r.aor());
                p.setString(2, r.key());
                p.setLong(3, nowMillis);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Deletes every binding expired at {@code nowMillis} (a full scan: at start and once an hour); returns how many. */
    static int sweep(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM location_binding WHERE expires_at <= ?")) {
            p.setLong(1, nowMillis);
            return p.executeUpdate();
        }
    }

    /** Sets the {@link Dialect#BINDING_COLUMNS} parameters of {@code b} after the first {@code offset} ones. */
    private static void set(PreparedStatement p, int offset, Binding b) throws SQLException {
        p.setString(offset + 1, b.aor());
        p.setString(offset + 2, b.key());
        p.setString(offset + 3, b.contact());
        p.setDouble(offset + 4, b.q());
        p.setLong(offset + 5, b.expiresAt());
        p.setString(offset + 6, b.callId());
        p.setLong(offset + 7, b.cseq());
        setNullable(p, offset + 8, b.instanceId());
        p.setInt(offset + 9, b.regId());
        setNullable(p, offset + 10, b.path().isEmpty() ? null : String.join("\n", b.path()));
        setNullable(p, offset + 11, b.source());
        setNullable(p, offset + 12, b.flow());
        setNullable(p, offset + 13, b.node());
        setNullable(p, offset + 14, b.userAgent());
        p.setLong(offset + 15, b.updatedAt());
    }

    private static void setNullable(PreparedStatement p, int i, String v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, v);
        }
    }

    /** The binding of the current row. */
    static Binding read(ResultSet rs) throws SQLException {
        String path = rs.getString(10);
        return new Binding(rs.getString(1), rs.getString(3), rs.getDouble(4), rs.getLong(5), rs.getString(6),
                rs.getLong(7), rs.getString(8), rs.getInt(9),
                path == null ? List.of() : Arrays.asList(path.split("\n", -1)), rs.getString(11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getLong(15));
    }

    /** The bindings of {@code aor} that are unexpired at {@code nowMillis}. */
    static List<Binding> load(Connection c, String aor, long nowMillis) throws SQLException {
        List<Binding> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE aor = ? AND expires_at > ?")) {
            p.setString(1, aor);
            p.setLong(2, nowMillis);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Every binding unexpired at {@code nowMillis}, by AoR. */
    static Map<String, List<Binding>> loadAll(Connection c, long nowMillis) throws SQLException {
        Map<String, List<Binding>> out = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE expires_at > ?")) {
            p.setLong(1, nowMillis);
            p.setFetchSize(1000); // PostgreSQL streams with a cursor (auto-commit is off) instead of one big result
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Binding b = read(rs);
                    out.computeIfAbsent(b.aor(), k -> new ArrayList<>()).add(b);
                }
            }
        }
        return out;
    }
}
