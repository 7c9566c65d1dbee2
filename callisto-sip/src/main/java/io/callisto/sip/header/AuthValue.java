package io.callisto.sip.header;

import java.util.Locale;
import java.util.Objects;

/**
 * What a challenge and a set of credentials share (RFC 3261 §25.1 {@code challenge} and {@code credentials}): an
 * authentication scheme and its comma-separated auth-params, values kept as written and returned unquoted by the
 * accessors. Immutable.
 */
public abstract sealed class AuthValue permits Challenge, Credentials {
    final String scheme;
    final Parameters parameters;

    AuthValue(String scheme, Parameters parameters, String noParamsError) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(noParamsError);
        }
        AuthParams.checkBuilt(scheme, parameters);
    }

    /** The authentication scheme as written, e.g. "Digest". */
    public String scheme() {
        return scheme;
    }

    /** True for the Digest scheme (compared case-insensitively). */
    public boolean isDigest() {
        return scheme.equalsIgnoreCase("Digest");
    }

    /** All auth-params, values as written. */
    public Parameters parameters() {
        return parameters;
    }

    /** The unquoted value of any auth-param, or null. */
    public String param(String name) {
        return parameters.unquoted(name);
    }

    public String realm() {
        return param("realm");
    }

    public String nonce() {
        return param("nonce");
    }

    public String opaque() {
        return param("opaque");
    }

    /** The algorithm as written, or null (Digest then means MD5). */
    public String algorithm() {
        return param("algorithm");
    }

    /** The userhash flag (RFC 7616 §3.3 for challenges, §3.4.4 for credentials). */
    public boolean userhash() {
        return AuthParams.flag(parameters, "userhash");
    }

    @Override
    public String toString() {
        return AuthParams.format(new StringBuilder(128).append(scheme).append(' '), parameters).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((AuthValue) o).scheme.equalsIgnoreCase(scheme)
                && ((AuthValue) o).parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return scheme.toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
