package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Privacy header value (RFC 3323 §4.2): {@code priv-value *(";" priv-value)} with the values header,
 * session, user, none, critical, id (RFC 3325 §9.3) or another token, e.g. {@code id} or {@code header;user}.
 * White space around the semicolons is tolerated. Values compare case-insensitively. Immutable.
 */
public final class Privacy {
    public static final String HEADER = "header";
    public static final String SESSION = "session";
    public static final String USER = "user";
    public static final String NONE = "none";
    public static final String CRITICAL = "critical";
    public static final String ID = "id";

    /** More values than this is not a privacy request. */
    static final int MAX_VALUES = 32;

    private final List<String> values;

    /**
     * @throws IllegalArgumentException when there are no values or one is not a token
     */
    public Privacy(List<String> values) {
        this.values = List.copyOf(values);
        if (this.values.isEmpty()) {
            throw new IllegalArgumentException("Privacy needs at least one value");
        }
        for (String v : this.values) {
            if (!Chars.isToken(v)) {
                throw new IllegalArgumentException("priv-value must be a token: " + v);
            }
        }
    }

    public static Privacy of(String... values) {
        return new Privacy(List.of(values));
    }

    /** The priv-values as written, in order. */
    public List<String> values() {
        return values;
    }

    /** True when {@code value} is among the values, ignoring case. */
    public boolean has(String value) {
        for (String v : values) {
            if (v.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    /** True for "none": no privacy service may alter the message (§4.2). */
    public boolean isNone() {
        return has(NONE);
    }

    /** True for "critical": privacy must be applied or the request rejected (§4.2). */
    public boolean isCritical() {
        return has(CRITICAL);
    }

    static Privacy parse(Cursor c) {
        List<String> values = new ArrayList<>(2);
        do {
            if (values.size() == MAX_VALUES) {
                throw c.error("too many priv-values");
            }
            values.add(c.token(values.isEmpty() ? "priv-value" : "priv-value after ';'"));
        } while (c.acceptSep(';'));
        return new Privacy(values);
    }

    @Override
    public String toString() {
        return String.join(";", values);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Privacy p) || p.values.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!p.values.get(i).equalsIgnoreCase(values.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return String.join(";", values).toLowerCase(Locale.ROOT).hashCode();
    }
}
