package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.List;

/**
 * The value of a WWW-Authenticate or Proxy-Authenticate header: an authentication scheme and its auth-params
 * (RFC 3261 §20.27, §20.44, §22.4 and §25.1 {@code challenge}; Digest parameters per RFC 7616 §3.3 as adopted for
 * SIP by RFC 8760, which lets a server offer one challenge per algorithm, strongest first, RFC 8760 §2.4).
 * Any scheme parses. Parameter values are kept as written; the accessors return them unquoted. Immutable.
 */
public final class Challenge extends AuthValue {

    /**
     * A challenge with the given scheme and parameters, whose values must be written as they go on the wire.
     *
     * @throws IllegalArgumentException when the scheme or a parameter name is not a token, or a value is missing
     */
    public Challenge(String scheme, Parameters parameters) {
        super(scheme, parameters, "a challenge needs at least one auth-param");
    }

    /**
     * A Digest challenge with realm, nonce, algorithm and {@code qop="auth"}, as RFC 8760 §2.6 requires a UAS to
     * send.
     */
    public static Challenge digest(String realm, String nonce, String algorithm) {
        return new Challenge("Digest", Parameters.ofPairs("realm", Parameters.quote(realm), "nonce",
                Parameters.quote(nonce), "algorithm", algorithm, "qop", "\"auth\""));
    }

    /** True when stale=true (any case); any other value or none means false (RFC 7616 §3.3). */
    public boolean stale() {
        return AuthParams.flag(parameters, "stale");
    }

    /** The qop-options, e.g. [auth, auth-int]; empty when there is no qop parameter. */
    public List<String> qopOptions() {
        return AuthParams.split(param("qop"), true);
    }

    /** The URIs of the domain parameter (a space-separated list); empty when absent. */
    public List<String> domain() {
        return AuthParams.split(param("domain"), false);
    }

    /** The charset parameter (RFC 7616 §3.3: only "UTF-8" is allowed), or null. */
    public String charset() {
        return param("charset");
    }

    /** A copy with auth-param {@code name} set to {@code value}, which is written as a quoted-string. */
    public Challenge withQuoted(String name, String value) {
        return new Challenge(scheme, parameters.with(name, Parameters.quote(value)));
    }

    /** A copy with auth-param {@code name} set to {@code token}, written as is. */
    public Challenge withToken(String name, String token) {
        return new Challenge(scheme, parameters.with(name, token));
    }

    /** Reads one challenge: the whole header line, since auth-params are separated by commas. */
    static Challenge parse(Cursor c) {
        String scheme = AuthParams.scheme(c);
        return new Challenge(scheme, AuthParams.list(c, false));
    }
}
