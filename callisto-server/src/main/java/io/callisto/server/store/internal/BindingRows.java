package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of {@code location_binding}: a {@link Binding} to statement parameters and back. The Path values are joined
 * with LF, which no header field value contains (RFC 3261 §7.3.1: folding is undone before a value is kept).
 */
final class BindingRows {

    private static final String SELECT = "SELECT " + Dialect.BINDING_COLUMNS + " FROM location_binding";

    private BindingRows() {
    }

    /** Sets the {@link Dialect#BINDING_COLUMNS} parameters of an upsert and adds it to the statement's batch. */
    static void addUpsert(PreparedStatement p, Binding b) throws SQLException {
        p.setString(1, b.aor());
        p.setString(2, b.key());
        p.setString(3, b.contact());
        p.setDouble(4, b.q());
        p.setLong(5, b.expiresAt());
        p.setString(6, b.callId());
        p.setLong(7, b.cseq());
        setNullable(p, 8, b.instanceId());
        p.setInt(9, b.regId());
        setNullable(p, 10, b.path().isEmpty() ? null : String.join("\n", b.path()));
        setNullable(p, 11, b.source());
        setNullable(p, 12, b.flow());
        setNullable(p, 13, b.node());
        setNullable(p, 14, b.userAgent());
        p.setLong(15, b.updatedAt());
        p.addBatch();
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
