package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.HostSyntax;

/** hostport = host [ ":" port ] (RFC 3261 §25.1) at a cursor: the Via sent-by and the Warning agent. */
final class HostPort {
    private HostPort() {}

    /** Consumes a host (checked by the URI host rule) and returns it as written. */
    static String host(Cursor c) {
        int start = c.pos;
        c.pos = HostSyntax.end(c.b, start, c.end);
        return c.ascii(start, c.pos);
    }

    /** Parses ":port" if present; returns -1 when absent. Ports run 0-65535. */
    static int optionalPort(Cursor c) {
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
