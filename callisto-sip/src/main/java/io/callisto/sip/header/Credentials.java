package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;

/**
 * The value of an Authorization or Proxy-Authorization header: an authentication scheme and its auth-params
 * (RFC 3261 §20.7, §20.28, §22.4 and §25.1 {@code credentials}; Digest parameters per RFC 7616 §3.4 as adopted for
 * SIP by RFC 8760). Any scheme parses, so that a proxy can forward credentials it does not understand
 * (RFC 4475 §3.3.7 regaut01: {@code NoOneKnowsThisScheme opaque-data=here}).
 *
 * <p>Parameter values are kept as written; the accessors return them unquoted. Immutable.
 */
public final class Credentials extends AuthValue {

    /**
     * Credentials with the given scheme and parameters, whose values must be written as they go on the wire (a
     * quoted-string with its quotes, see {@link Parameters#quote(String)}).
     *
     * @throws IllegalArgumentException when the scheme or a parameter name is not a token, or a value is missing
     */
    public Credentials(String scheme, Parameters parameters) {
        super(scheme, parameters, "credentials need at least one auth-param");
    }

    public String username() {
        return param("username");
    }

    /** The digest-uri, the Request-URI the response was computed over (RFC 8760 §2.6). */
    public String uri() {
        return param("uri");
    }

    /** The request-digest (hex digits; the length depends on the algorithm, RFC 8760 §2.7). */
    public String response() {
        return param("response");
    }

    public String cnonce() {
        return param("cnonce");
    }

    /** The message-qop the client applied, e.g. "auth", or null. */
    public String qop() {
        return param("qop");
    }

    /** The nonce count (nc, eight hex digits) as a number, or -1 when absent. */
    public long nonceCount() {
        return AuthParams.nonceCount(parameters);
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
}
