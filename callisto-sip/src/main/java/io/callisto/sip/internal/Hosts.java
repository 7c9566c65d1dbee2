package io.callisto.sip.internal;

import io.callisto.sip.parse.ParseError;

/**
 * Host syntax shared by Via sent-by, Warning agents and similar places (RFC 3261 §25.1:
 * host = hostname / IPv4address / IPv6reference; RFC 5118 for IPv6 references).
 */
public final class Hosts {
    private Hosts() {}

    /**
     * Scans a host starting at the cursor and returns it as written. A hostname is alphanumerics, '-' and '.';
     * an IPv6 reference is '[' hex digits, ':' and '.' ']' with at least one ':'.
     */
    public static String host(Cursor c) {
        int start = c.pos;
        if (c.peek() == '[') {
            int p = c.pos + 1;
            int colons = 0;
            while (p < c.end && (Chars.is(c.b[p], Chars.HEX) || c.b[p] == ':' || c.b[p] == '.')) {
                if (c.b[p] == ':') {
                    colons++;
                }
                p++;
            }
            if (p >= c.end || c.b[p] != ']' || colons < 2 || p - start > 47) {
                throw c.error("malformed IPv6 reference", start);
            }
            c.pos = p + 1;
            return c.ascii(start, c.pos);
        }
        int p = c.pos;
        while (p < c.end && (Chars.is(c.b[p], Chars.ALPHA | Chars.DIGIT) || c.b[p] == '-' || c.b[p] == '.')) {
            p++;
        }
        if (p == start) {
            throw c.error("host expected");
        }
        if (c.b[start] == '-' || c.b[start] == '.') {
            throw c.error("malformed host", start);
        }
        c.pos = p;
        return c.ascii(start, p);
    }

    /** Parses ":port" if present; returns -1 when absent. Ports run 0-65535. */
    public static int optionalPort(Cursor c) {
        if (!c.accept(':')) {
            return -1;
        }
        int start = c.pos;
        long port = c.digits("port", 5);
        if (port > 65535) {
            throw new ParseError("port out of range", start);
        }
        return (int) port;
    }
}
