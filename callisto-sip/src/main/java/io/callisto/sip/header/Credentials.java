package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * The value of an Authorization or Proxy-Authorization header: an authentication scheme and its auth-params
 * (RFC 3261 §20.7, §20.28, §22.4 and §25.1 {@code credentials}; Digest parameters per RFC 7616 §3.4 as adopted for
 * SIP by RFC 8760). Any scheme parses, so that a proxy can forward credentials it does not understand
 * (RFC 4475 §3.3.7 regaut01: {@code NoOneKnowsThisScheme opaque-data=here}).
 *
 * <p>Parameter values are kept as written; the accessors return them unquoted. Immutable.
 */
public final class Credentials {
    private final String scheme;
    private final Parameters parameters;

    /**
     * Credentials with the given scheme and parameters, whose values must be written as they go on the wire (a
     * quoted-string with its quotes, see {@link Parameters#quote(String)}).
     *
     * @throws IllegalArgumentException when the scheme or a parameter name is not a token, or a value is missing
     */
    public Credentials(String scheme, Parameters parameters) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("credentials need at least one auth-param");
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

    public String username() {
        return param("username");
    }

    public String realm() {
        return param("realm");
    }

    public String nonce() {
        return param("nonce");
    }

    /** The digest-uri, the Request-URI the response was computed over (RFC 8760 §2.6). */
    public String uri() {
        return param("uri");
    }

    /** The request-digest (hex digits; the length depends on the algorithm, RFC 8760 §2.7). */
    public String response() {
        return param("response");
    }

    /** The algorithm as written, or null (Digest then means MD5). */
    public String algorithm() {
        return param("algorithm");
    }

    public String cnonce() {
        return param("cnonce");
    }

    public String opaque() {
        return param("opaque");
    }

    /** The message-qop the client applied, e.g. "auth", or null. */
    public String qop() {
        return param("qop");
    }

    /** The nonce count (nc, eight hex digits) as a number, or -1 when absent. */
    public long nonceCount() {
        return AuthParams.nonceCount(parameters);
    }

    /** True when the username is a hash (RFC 7616 §3.4.4, userhash=true). */
    public boolean userhash() {
        return AuthParams.flag(parameters, "userhash");
    }

    /** A copy with auth-param {@code name} set to {@code value}, which is written as a quoted-string. */
    public Credentials withQuoted(String name, String value) {
        return new Credentials(scheme, parameters.with(name, Parameters.quote(value)));
    }

    /** A copy with auth-param {@code name} set to {@code token}, written as is. */
    public Credentials withToken(String name, String token) {
        return new Credentials(scheme, parameters.with(name, token));
    }

    /** Reads one credentials value: the whole header line, since auth-params are separated by commas. */
    static Credentials parse(Cursor c) {
        String scheme = AuthParams.scheme(c);
        boolean digest = scheme.equalsIgnoreCase("Digest");
        int at = c.pos;
        Parameters p = AuthParams.list(c, digest);
        if (digest && p.has("username") && p.has("username*")) {
            throw c.error("both username and username* present", at);
        }
        return new Credentials(scheme, p);
    }

    @Override
    public String toString() {
        return AuthParams.format(new StringBuilder(128).append(scheme).append(' '), parameters).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials x && x.scheme.equalsIgnoreCase(scheme) && x.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return scheme.toLowerCase(Locale.ROOT).hashCode() * 31 + parameters.hashCode();
    }
}
