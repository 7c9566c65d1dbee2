package io.callisto.sip.uri;

import io.callisto.sip.header.Parameters;
import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1): {@code sip:user:password@host:port;uri-parameters?headers}.
 *
 * <p>Immutable. A parsed URI keeps its text and the offsets of its components, and cuts components out on
 * demand, so parsing allocates little. Accessors whose name ends in "Raw", {@link #host()},
 * {@link #parameters()} and {@link #headers()} give text as written (escapes kept); {@link #user()},
 * {@link #password()} and {@link #parameter(String)} resolve escapes (RFC 3261 §19.1.2). Parameter names are
 * matched case-insensitively and with escapes resolved ({@code ;%6C%72} is {@code ;lr}, RFC 4475 §3.1.1.3).
 *
 * <p>{@link #equals(Object)} compares the text; {@link #equivalent(Uri)} is the comparison of §19.1.4.
 */
public final class SipUri implements Uri {
    private final String text;
    private final boolean secure;
    /** End of the user; -1 when there is no userinfo. The user starts right after the scheme's ':'. */
    private final int userEnd;
    /** Start of the password (it ends at the '@', hostStart - 1); -1 when absent. */
    private final int passwordStart;
    private final int hostStart;
    private final int hostEnd;
    private final int port;
    /** Start of the ";..." parameters, which is also the end of hostport. */
    private final int paramsStart;
    /** Start of the "?..." headers, which is also the end of the parameters. */
    private final int headersStart;

    private String host;
    private Parameters parameters;
    private Parameters headers;

    SipUri(String text, boolean secure, int userEnd, int passwordStart, int hostStart, int hostEnd, int port,
           int paramsStart, int headersStart) {
        this.text = text;
        this.secure = secure;
        this.userEnd = userEnd;
        this.passwordStart = passwordStart;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.port = port;
        this.paramsStart = paramsStart;
        this.headersStart = headersStart;
    }

    /**
     * Parses a string that must be exactly one SIP or SIPS URI.
     *
     * @throws ParseError when it is not valid, or is a URI of another scheme
     */
    public static SipUri parse(String s) {
        if (Uri.parse(s) instanceof SipUri sip) {
            return sip;
        }
        throw new ParseError("SIP or SIPS URI expected", 0);
    }

    /**
     * Parses {@code b[from, to)}, which must be exactly one SIP or SIPS URI.
     *
     * @throws ParseError when it is not valid, or is a URI of another scheme (offsets absolute into b)
     */
    public static SipUri parse(byte[] b, int from, int to) {
        if (Uri.parse(b, from, to) instanceof SipUri sip) {
            return sip;
        }
        throw new ParseError("SIP or SIPS URI expected", from);
    }

    /** A new builder, for a sip: URI unless {@link Builder#secure(boolean)} says otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code sip:user@host:port}.
     *
     * @param user the user, unescaped (it is escaped as needed), or null for none
     * @param host a host name, IPv4 address or IPv6 address (with or without brackets)
     * @param port the port, or -1 for none
     * @throws IllegalArgumentException when the host or port is invalid or the user is empty
     */
    public static SipUri of(String user, String host, int port) {
        return builder().user(user).host(host).port(port).build();
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** True for a sips: URI. */
    public boolean secure() {
        return secure;
    }

    /** The user with escapes resolved (e.g. "user;par=u@example.net"), or null when there is no userinfo. */
    public String user() {
        return Escaping.unescape(userRaw());
    }

    /** The user as written, escapes included, or null when there is no userinfo. */
    public String userRaw() {
        return userEnd < 0 ? null : text.substring(userStart(), userEnd);
    }

    /** The password with escapes resolved; null when absent, "" when written as "user:@". */
    public String password() {
        return Escaping.unescape(passwordRaw());
    }

    /** The password as written; null when absent. */
    public String passwordRaw() {
        return passwordStart < 0 ? null : text.substring(passwordStart, hostStart - 1);
    }

    /** The host as written: a host name, an IPv4 address, or an IPv6 reference with its brackets. */
    public String host() {
        String h = host;
        if (h == null) {
            host = h = text.substring(hostStart, hostEnd);
        }
        return h;
    }

    /** True when the host is an IPv6 reference such as {@code [2001:db8::1]}. */
    public boolean isIpv6Reference() {
        return text.charAt(hostStart) == '[';
    }

    /** The port, or -1 when absent (a default port is not filled in). */
    public int port() {
        return port;
    }

    /** {@code host[:port]} as written. */
    public String hostPort() {
        return text.substring(hostStart, paramsStart);
    }

    /** The URI parameters in order, names and values as written (escapes kept; null value for "lr"-style). */
    public Parameters parameters() {
        Parameters p = parameters;
        if (p == null) {
            parameters = p = RawParams.toParameters(text, paramsStart, headersStart, ';');
        }
        return p;
    }

    /** The URI headers ({@code ?h=v&h2=v2}) in order, names and values as written. */
    public Parameters headers() {
        Parameters h = headers;
        if (h == null) {
            headers = h = RawParams.toParameters(text, headersStart, text.length(), '&');
        }
        return h;
    }

    /** True when the URI has a parameter called {@code name} (case-insensitive, escapes resolved). */
    public boolean hasParameter(String name) {
        return RawParams.find(text, paramsStart, headersStart, ';', name) >= 0;
    }

    /**
     * The value of the first parameter called {@code name}, escapes resolved; null when the parameter is absent
     * or has no value (see {@link #hasParameter(String)}).
     */
    public String parameter(String name) {
        return Escaping.unescape(RawParams.value(text, paramsStart, headersStart, ';', name));
    }

    /** The transport parameter (e.g. "tcp"), or null. */
    public String transport() {
        return parameter("transport");
    }

    /** The user parameter (e.g. "phone"), or null. */
    public String userParam() {
        return parameter("user");
    }

    /** The method parameter (e.g. "REGISTER"), or null. */
    public String method() {
        return parameter("method");
    }

    /** The maddr parameter, or null. */
    public String maddr() {
        return parameter("maddr");
    }

    /** The ttl parameter (RFC 3261 §25.1: 1*3DIGIT, 0-255), or -1 when absent or not a valid ttl. */
    public int ttl() {
        String v = parameter("ttl");
        if (v == null || v.isEmpty() || v.length() > 3 || !v.chars().allMatch(Chars::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(v);
        return n <= 255 ? n : -1;
    }

    /** True when the lr parameter is present (RFC 3261 §19.1.1 loose routing). */
    public boolean lr() {
        return hasParameter("lr");
    }

    /** A copy with another host (a host name, IPv4 address, or IPv6 address with or without brackets). */
    public SipUri withHost(String newHost) {
        String h = SipUriWriter.hostLiteral(newHost);
        return SipUriWriter.parseBuilt(text.substring(0, hostStart) + h + text.substring(hostEnd));
    }

    /** A copy with another port; -1 removes the port. */
    public SipUri withPort(int newPort) {
        SipUriWriter.checkPort(newPort);
        String p = newPort < 0 ? "" : ":" + newPort;
        return SipUriWriter.parseBuilt(text.substring(0, hostEnd) + p + text.substring(paramsStart));
    }

    /**
     * A copy with another user, given unescaped and escaped as RFC 3261 §19.1.2 requires; the password, if any,
     * is kept. A null user removes the whole userinfo (user and password).
     */
    public SipUri withUser(String newUser) {
        String head = text.substring(0, userStart());
        String tail = text.substring(hostStart);
        if (newUser == null) {
            return SipUriWriter.parseBuilt(head + tail);
        }
        String pw = passwordStart < 0 ? "" : ":" + passwordRaw();
        return SipUriWriter.parseBuilt(head + SipUriWriter.escapeUser(newUser) + pw + "@" + tail);
    }

    /**
     * A copy with parameter {@code name} set to {@code value} (both unescaped; escaped as needed; a null value
     * writes {@code ;name} alone). An existing parameter of that name is replaced in place, else it is added.
     */
    public SipUri withParameter(String name, String value) {
        String param = SipUriWriter.param(name, value);
        int at = RawParams.find(text, paramsStart, headersStart, ';', name);
        if (at < 0) {
            return SipUriWriter.parseBuilt(text.substring(0, headersStart) + param + text.substring(headersStart));
        }
        int end = RawParams.itemEnd(text, at, headersStart, ';');
        return SipUriWriter.parseBuilt(text.substring(0, at) + param + text.substring(end));
    }

    /** A copy without any parameter called {@code name}; this URI itself when there is none. */
    public SipUri withoutParameter(String name) {
        if (!hasParameter(name)) {
            return this;
        }
        return SipUriWriter.parseBuilt(SipUriWriter.removeParameter(text, paramsStart, headersStart, name));
    }

    /**
     * The value of the first URI header called {@code name} (e.g. {@code Replaces} in a Refer-To target, RFC 3891
     * §5), escapes resolved; null when absent.
     */
    public String header(String name) {
        return Escaping.unescape(RawParams.value(text, headersStart, text.length(), '&', name));
    }

    /** A copy with the URI header {@code name=value} (both unescaped; escaped as needed) appended. */
    public SipUri withHeader(String name, String value) {
        char sep = headersStart == text.length() ? '?' : '&';
        return SipUriWriter.parseBuilt(text + sep + SipUriWriter.header(name, value));
    }

    /** A copy without the {@code ?headers} part; this URI itself when there is none. */
    public SipUri withoutHeaders() {
        return headersStart == text.length() ? this : SipUriWriter.parseBuilt(text.substring(0, headersStart));
    }

    @Override
    public boolean equivalent(Uri other) {
        return other instanceof SipUri sip && SipEquivalence.equivalent(this, sip);
    }

    @Override
    public String toString() {
        return text;
    }

    /** True when {@code o} is a SIP URI with the same text (use {@link #equivalent(Uri)} for §19.1.4). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri s && text.equals(s.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    // Offsets into text(), for SipEquivalence.
    String text() {
        return text;
    }

    int userStart() {
        return secure ? 5 : 4;
    }

    int userEnd() {
        return userEnd;
    }

    int passwordStart() {
        return passwordStart;
    }

    int hostStart() {
        return hostStart;
    }

    int hostEnd() {
        return hostEnd;
    }

    int paramsStart() {
        return paramsStart;
    }

    int headersStart() {
        return headersStart;
    }

    /**
     * Builds a SIP or SIPS URI from unescaped parts, escaping each as RFC 3261 §19.1.2 requires. Not
     * thread-safe. {@link #build()} needs at least a host.
     */
    public static final class Builder {
        private boolean secure;
        private String user;
        private String password;
        private String host;
        private int port = -1;
        private final StringBuilder params = new StringBuilder();
        private final StringBuilder headers = new StringBuilder();

        Builder() {}

        /** sips: when true, sip: (the default) when false. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * The user (unescaped), or null for none.
         *
         * @throws IllegalArgumentException when empty
         */
        public Builder user(String user) {
            this.user = user == null ? null : SipUriWriter.escapeUser(user);
            return this;
        }

        /** The password (unescaped), or null for none; only written when there is a user. */
        public Builder password(String password) {
            this.password = password == null ? null : Escaping.escape(password, Escaping.PASSWORD);
            return this;
        }

        /**
         * The host: a host name, an IPv4 address, or an IPv6 address with or without brackets.
         *
         * @throws IllegalArgumentException when not a valid host name or IP address
         */
        public Builder host(String host) {
            this.host = SipUriWriter.hostLiteral(host);
            return this;
        }

        /**
         * The port, or -1 for none.
         *
         * @throws IllegalArgumentException when not in -1..65535
         */
        public Builder port(int port) {
            this.port = SipUriWriter.checkPort(port);
            return this;
        }

        /** Appends {@code ;name[=value]} (unescaped; a null value writes the name alone). */
        public Builder parameter(String name, String value) {
            params.append(SipUriWriter.param(name, value));
            return this;
        }

        /** Appends a URI header {@code name=value} (unescaped; the value may be empty but not null). */
        public Builder header(String name, String value) {
            headers.append(headers.length() == 0 ? '?' : '&').append(SipUriWriter.header(name, value));
            return this;
        }

        /**
         * The URI.
         *
         * @throws IllegalArgumentException when no host was given
         */
        public SipUri build() {
            if (host == null) {
                throw new IllegalArgumentException("a SIP URI needs a host");
            }
            StringBuilder sb = new StringBuilder(64).append(secure ? "sips:" : "sip:");
            if (user != null) {
                sb.append(user);
                if (password != null) {
                    sb.append(':').append(password);
                }
                sb.append('@');
            }
            sb.append(host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
            return SipUriWriter.parseBuilt(sb.append(params).append(headers).toString());
        }
    }
}
