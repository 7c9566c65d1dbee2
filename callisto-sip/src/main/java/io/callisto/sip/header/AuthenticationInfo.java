package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The value of an Authentication-Info header (RFC 3261 §20.6 and §25.1 {@code ainfo *(COMMA ainfo)}; RFC 7616
 * §3.5): the nextnonce for the client's next request, and for mutual authentication the rspauth digest with the
 * qop, cnonce and nc of the request it answers. There is no scheme; the parameters are Digest's. Values are kept
 * as written; the accessors return them unquoted. Immutable.
 */
public final class AuthenticationInfo {
    private final Parameters parameters;

    /**
     * Authentication info with the given parameters, whose values must be written as they go on the wire.
     *
     * @throws IllegalArgumentException when there are none, a name is not a token or a value is missing
     */
    public AuthenticationInfo(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("Authentication-Info needs at least one parameter");
        }
        AuthParams.checkBuilt(null, parameters);
    }

    /** Just a nextnonce, as in the RFC 3261 §20.6 example. */
    public static AuthenticationInfo nextNonce(String nonce) {
        return new AuthenticationInfo(Parameters.ofPairs("nextnonce", Parameters.quote(nonce)));
    }

    public Parameters parameters() {
        return parameters;
    }

    /** The unquoted value of any parameter, or null. */
    public String param(String name) {
        return parameters.unquoted(name);
    }

    /** The nonce the client should use next, or null. */
    public String nextNonce() {
        return param("nextnonce");
    }

    /** The qop the server applied to its response digest, or null. */
    public String qop() {
        return param("qop");
    }

    /** The response digest proving the server knows the secret (mutual authentication), or null. */
    public String rspauth() {
        return param("rspauth");
    }

    /** The cnonce of the request this answers, or null. */
    public String cnonce() {
        return param("cnonce");
    }

    /** The nc of the request this answers as a number, or -1 when absent. */
    public long nonceCount() {
        return AuthParams.nonceCount(parameters);
    }

    static AuthenticationInfo parse(Cursor c) {
        return new AuthenticationInfo(AuthParams.list(c, true));
    }

    @Override
    public String toString() {
        return AuthParams.format(new StringBuilder(96), parameters).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthenticationInfo x && x.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }
}
