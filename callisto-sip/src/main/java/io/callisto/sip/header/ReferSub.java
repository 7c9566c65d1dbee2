package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The Refer-Sub header value (RFC 4488, "Refer-Sub" ABNF): {@code refer-sub-value *(SEMI exten)} with
 * {@code refer-sub-value = "true" / "false"}; false asks that the REFER create no implicit subscription.
 * Immutable.
 */
public final class ReferSub {
    public static final ReferSub TRUE = new ReferSub(true, Parameters.EMPTY);
    public static final ReferSub FALSE = new ReferSub(false, Parameters.EMPTY);

    private final boolean value;
    private final Parameters parameters;

    public ReferSub(boolean value, Parameters parameters) {
        this.value = value;
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    /** True when an implicit subscription is wanted. */
    public boolean value() {
        return value;
    }

    public Parameters parameters() {
        return parameters;
    }

    static ReferSub parse(Cursor c) {
        int from = c.pos;
        int to = c.tokenEnd();
        boolean v;
        if (c.regionEqualsIgnoreCase(from, to, "true")) {
            v = true;
        } else if (c.regionEqualsIgnoreCase(from, to, "false")) {
            v = false;
        } else {
            throw c.error("Refer-Sub must be true or false");
        }
        c.pos = to;
        return new ReferSub(v, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(8).append(value)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferSub r && r.value == value && r.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, parameters);
    }
}
