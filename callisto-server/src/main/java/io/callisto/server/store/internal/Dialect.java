package io.callisto.server.store.internal;

/**
 * What differs between H2 and PostgreSQL: the upsert statements, and how other processes learn of a change
 * (PostgreSQL NOTIFY, or a change counter that H2 processes poll).
 */
public enum Dialect {
    /** Embedded H2 2.x ({@code MERGE ... KEY}); other processes poll {@code change_counter}. */
    H2,
    /** PostgreSQL ({@code INSERT ... ON CONFLICT}); changes are announced with {@code pg_notify}. */
    POSTGRES;

    static final String BINDING_COLUMNS = "aor, binding_key, contact, q, expires_at, call_id, cseq, instance_id, "
            + "reg_id, path, source, flow, node, user_agent, updated_at";
    static final int BINDING_COLUMN_COUNT = 15;

    /**
     * Inserts or replaces {@code rows} bindings in one statement, keyed by (aor, binding_key); parameters in
     * {@link #BINDING_COLUMNS} order, row after row. One statement of many rows is several times faster than a JDBC
     * batch of one-row statements on H2. The rows must have distinct keys (PostgreSQL refuses to update one row
     * twice in a statement).
     */
    String upsertBindings(int rows) {
        String tuple = "(" + "?, ".repeat(BINDING_COLUMN_COUNT - 1) + "?)";
        StringBuilder values = new StringBuilder(rows * (tuple.length() + 2));
        for (int i = 0; i < rows; i++) {
            values.append(i == 0 ? "" : ", ").append(tuple);
        }
        if (this == H2) {
            return "MERGE INTO location_binding (" + BINDING_COLUMNS + ") KEY (aor, binding_key) VALUES " + values;
        }
        return "INSERT INTO location_binding (" + BINDING_COLUMNS + ") VALUES " + values
                + " ON CONFLICT (aor, binding_key) DO UPDATE SET contact = EXCLUDED.contact, q = EXCLUDED.q,"
                + " expires_at = EXCLUDED.expires_at, call_id = EXCLUDED.call_id, cseq = EXCLUDED.cseq,"
                + " instance_id = EXCLUDED.instance_id, reg_id = EXCLUDED.reg_id, path = EXCLUDED.path,"
                + " source = EXCLUDED.source, flow = EXCLUDED.flow, node = EXCLUDED.node,"
                + " user_agent = EXCLUDED.user_agent, updated_at = EXCLUDED.updated_at";
    }

    /** Inserts or replaces one credential: realm, username, ha1_md5, ha1_sha256, ha1_sha512. */
    String upsertCredential() {
        String cols = "realm, username, ha1_md5, ha1_sha256, ha1_sha512";
        if (this == H2) {
            return "MERGE INTO credential (" + cols + ") KEY (realm, username) VALUES (?, ?, ?, ?, ?)";
        }
        return "INSERT INTO credential (" + cols + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (realm, username)"
                + " DO UPDATE SET ha1_md5 = EXCLUDED.ha1_md5, ha1_sha256 = EXCLUDED.ha1_sha256,"
                + " ha1_sha512 = EXCLUDED.ha1_sha512";
    }

    /** True when changes are announced with NOTIFY (else other processes poll the change counter). */
    public boolean notifies() {
        return this == POSTGRES;
    }
}
