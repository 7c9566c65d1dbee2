package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import io.callisto.sip.internal.Interned;
import java.util.Objects;

/**
 * One Via header value (RFC 3261 §20.42, §25.1 via-parm):
 * {@code SIP/2.0/UDP host[:port];branch=z9hG4bK...;received=...;rport}. Immutable.
 */
public final class Via {
    /** The branch prefix of RFC 3261 §8.1.1.7 that marks a branch unique across space and time. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final String host;
    private final int port;
    private final Parameters parameters;
    /** The branch, looked up once: the transaction layer reads it for every message. */
    private String branch;

    public Via(String protocolName, String protocolVersion, String transport, String host, int port,
            Parameters parameters) {
        this.protocolName = Objects.requireNonNull(protocolName);
        this.protocolVersion = Objects.requireNonNull(protocolVersion);
        this.transport = Objects.requireNonNull(transport);
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    /** A {@code SIP/2.0/transport host:port;branch=branch} value (port -1 to leave it out). */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport.toUpperCase(java.util.Locale.ROOT), host, port,
                Parameters.ofPairs("branch", branch));
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    /** The transport as written (UDP, TCP, TLS, SCTP, WS, WSS or any other token). */
    public String transport() {
        return transport;
    }

    public String host() {
        return host;
    }

    /** The sent-by port, or -1 when absent (the transport's default applies, §18.2.2). */
    public int port() {
        return port;
    }

    /** host[:port] as written. */
    public String sentBy() {
        return port < 0 ? host : host + ':' + port;
    }

    public Parameters parameters() {
        return parameters;
    }

    public String branch() {
        String b = branch;
        if (b == null) {
            b = parameters.get("branch");
            branch = b;
        }
        return b;
    }

    /** True when the branch starts with the RFC 3261 magic cookie (else RFC 2543 matching applies, §17.2.3). */
    public boolean hasMagicCookie() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE);
    }

    public String received() {
        return parameters.get("received");
    }

    public String maddr() {
        return parameters.get("maddr");
    }

    /** True when an rport parameter is present, with or without a value (RFC 3581). */
    public boolean hasRport() {
        return parameters.has("rport");
    }

    /** The rport value, or -1 when absent or written without a value. */
    public int rport() {
        String v = parameters.get("rport");
        return v == null ? -1 : parseSmallInt(v, 65535);
    }

    /** The ttl parameter (0-255), or -1. */
    public int ttl() {
        String v = parameters.get("ttl");
        return v == null ? -1 : parseSmallInt(v, 255);
    }

    private static int parseSmallInt(String v, int max) {
        if (v.isEmpty() || v.length() > 5) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= max ? n : -1;
    }

    public Via withParameter(String name, String value) {
        return new Via(protocolName, protocolVersion, transport, host, port, parameters.with(name, value));
    }

    public Via withoutParameter(String name) {
        return new Via(protocolName, protocolVersion, transport, host, port, parameters.without(name));
    }

    /** Parses one via-parm at the cursor (§25.1), stopping after its parameters. */
    static Via parse(Cursor c) {
        String name;
        String version;
        if (startsWithSip20(c)) {
            c.pos += 8; // nearly every Via: "SIP/2.0/" written without white space
            name = "SIP";
            version = "2.0";
        } else {
            name = protocolToken(c, "protocol name");
            slash(c);
            version = protocolToken(c, "protocol version");
            slash(c);
        }
        String transport = protocolToken(c, "transport");
        if (!c.skipLws()) {
            throw c.error("space expected before sent-by");
        }
        String host = HostPort.host(c);
        int port = HostPort.optionalPort(c);
        Parameters params = ParamParser.parse(c);
        return new Via(name, version, transport, host, port, params);
    }

    private static boolean startsWithSip20(Cursor c) {
        int p = c.pos;
        byte[] b = c.b;
        return c.end - p > 8 && b[p] == 'S' && b[p + 1] == 'I' && b[p + 2] == 'P' && b[p + 3] == '/'
                && b[p + 4] == '2' && b[p + 5] == '.' && b[p + 6] == '0' && b[p + 7] == '/';
    }

    private static void slash(Cursor c) {
        if (!c.acceptSep('/')) {
            throw c.error("'/' expected in sent-protocol");
        }
    }

    private static String protocolToken(Cursor c, String what) {
        int from = c.pos;
        int to = c.tokenEnd();
        if (to == from) {
            throw c.error(what + " expected");
        }
        c.pos = to;
        return Interned.protocolToken(c, from, to);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocolName).append('/').append(protocolVersion)
                .append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        return parameters.appendTo(sb).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && port == v.port && protocolName.equalsIgnoreCase(v.protocolName)
                && protocolVersion.equals(v.protocolVersion) && transport.equalsIgnoreCase(v.transport)
                && host.equalsIgnoreCase(v.host) && parameters.equals(v.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host.toLowerCase(java.util.Locale.ROOT), port, parameters);
    }
}
