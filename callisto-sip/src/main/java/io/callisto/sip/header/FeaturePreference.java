package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * One value of Accept-Contact or Reject-Contact (RFC 3841 §9.2, §10): {@code "*" *(SEMI ac-params)}, a caller
 * preference written as a feature set (RFC 3840 feature parameters such as {@code audio} or
 * {@code methods="INVITE"}) with, in Accept-Contact, the {@code require} and {@code explicit} flags, e.g.
 * {@code *;audio;require}. Immutable.
 */
public final class FeaturePreference {
    private final Parameters parameters;

    public FeaturePreference(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** The feature parameters and flags, as written. */
    public Parameters parameters() {
        return parameters;
    }

    /** True with the require flag: contacts lacking the features are discarded (§7.2.4). */
    public boolean isRequire() {
        return parameters.has("require");
    }

    /** True with the explicit flag: only contacts that declared the features match (§7.2.4). */
    public boolean isExplicit() {
        return parameters.has("explicit");
    }

    static FeaturePreference parse(Cursor c) {
        if (!c.accept('*')) {
            throw c.error("'*' expected");
        }
        return new FeaturePreference(ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(32).append('*')).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeaturePreference f && f.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }
}
