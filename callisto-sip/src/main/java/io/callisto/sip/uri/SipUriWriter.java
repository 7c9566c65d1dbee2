package io.callisto.sip.uri;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes the pieces of a built or modified SIP URI, escaped per component as RFC 3261 §19.1.2 requires, and
 * turns the composed text into a {@link SipUri}.
 *
 * <p>Every piece is escaped (or, for hosts and ports, validated) on its own before it is put into the text,
 * so no piece can change the structure of the URI (a user holding '@' or a parameter value holding ';'
 * comes out as {@code %40} / {@code %3B}). The composed text is then parsed, which checks it once more and
 * records its offsets.
 */
final class SipUriWriter {
    private SipUriWriter() {}

    /** The user, escaped: only unreserved and user-unreserved characters stay literal. */
    static String escapeUser(String user) {
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the user part of a SIP URI must not be empty (RFC 3261 §19.1.1)");
        }
        return Escaping.escape(user, Escaping.USER);
    }

    /**
     * A host as it is written in a URI: a host name, an IPv4 address, or an IPv6 reference. An IPv6 address
     * given without brackets gets them.
     *
     * @throws IllegalArgumentException when it is not a valid host (escapes are never allowed, §19.1.2)
     */
    static String hostLiteral(String host) {
        Objects.requireNonNull(host, "host");
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        byte[] b = h.getBytes(StandardCharsets.UTF_8);
        try {
            if (HostParser.parse(b, 0, b.length) == b.length) {
                return h;
            }
        } catch (ParseError e) {
            throw new IllegalArgumentException("invalid host '" + host + "': " + e.reason(), e);
        }
        throw new IllegalArgumentException("invalid host '" + host + "'");
    }

    /** The port if it is -1 (none) or 0-65535. */
    static int checkPort(int port) {
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return port;
    }

    /** {@code ;name[=value]}, both escaped as paramchar. */
    static String param(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty URI parameter name");
        }
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("empty URI parameter value (use null for a parameter without one)");
        }
        String n = Escaping.escape(name, Escaping.PARAM);
        return value == null ? ";" + n : ";" + n + "=" + Escaping.escape(value, Escaping.PARAM);
    }

    /** {@code name=value}, both escaped with hnv-unreserved and unreserved left literal. */
    static String header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty URI header name");
        }
        return Escaping.escape(name, Escaping.HNV) + "=" + Escaping.escape(value, Escaping.HNV);
    }

    /** {@code text} without the parameters called {@code name} among those in {@code [from, to)}. */
    static String removeParameter(String text, int from, int to, String name) {
        StringBuilder sb = new StringBuilder(text.length()).append(text, 0, from);
        for (int p = from; p < to; ) {
            int end = RawParams.itemEnd(text, p, to, ';');
            if (!RawParams.nameIs(text, p, end, name)) {
                sb.append(text, p, end);
            }
            p = end;
        }
        return sb.append(text, to, text.length()).toString();
    }

    /**
     * Parses composed text that must be a whole SIP or SIPS URI.
     *
     * @throws IllegalArgumentException when it is not (which escaped pieces cannot cause)
     */
    static SipUri parseBuilt(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (UriParser.parse(b, 0, b.length, text) instanceof SipUri sip) {
                return sip;
            }
        } catch (ParseError e) {
            throw new IllegalArgumentException("invalid SIP URI " + text + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a SIP URI: " + text);
    }
}
