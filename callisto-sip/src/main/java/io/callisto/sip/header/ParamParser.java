package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;

/**
 * Parses header parameters: {@code *( SEMI generic-param )} with generic-param = token [ EQUAL gen-value ] and
 * gen-value = token / host / quoted-string (RFC 3261 §25.1). Values are kept exactly as written.
 */
final class ParamParser {
    private ParamParser() {}

    /** Reads parameters while the next non-LWS byte is {@code ;}. Leaves the cursor after the last one. */
    static Parameters parse(Cursor c) {
        String[] pairs = null;
        int n = 0;
        while (c.acceptSep(';')) {
            if (pairs == null) {
                pairs = new String[8];
            } else if (n * 2 == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            int at = c.pos;
            if (!Chars.isToken(c.peek())) {
                throw c.error(c.peek() == ';' || c.atEnd() ? "empty parameter" : "parameter name expected");
            }
            pairs[2 * n] = ParamNames.intern(c, c.pos, c.tokenEnd());
            c.pos = c.tokenEnd();
            pairs[2 * n + 1] = c.acceptSep('=') ? value(c) : null;
            n++;
            if (n > 64) {
                throw c.error("too many parameters", at);
            }
        }
        return n == 0 ? Parameters.EMPTY : Parameters.wrap(pairs, n);
    }

    /** gen-value: a quoted-string (kept with its quotes), or token / host characters. */
    static String value(Cursor c) {
        int start = c.pos;
        if (c.peek() == '"') {
            c.quotedString();
            return c.utf8(start, c.pos);
        }
        int p = c.pos;
        while (p < c.end && (Chars.isToken(c.b[p]) || c.b[p] == ':' || c.b[p] == '[' || c.b[p] == ']')) {
            p++;
        }
        if (p == start) {
            throw c.error("parameter value expected");
        }
        c.pos = p;
        return c.ascii(start, p);
    }
}
