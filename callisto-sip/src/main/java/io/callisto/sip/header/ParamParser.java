package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;

/**
 * Parses header parameters: {@code *( SEMI generic-param )} with generic-param = token [ EQUAL gen-value ] and
 * gen-value = token / host / quoted-string (RFC 3261 §25.1). Values are kept exactly as written.
 */
final class ParamParser {
    private ParamParser() {}

    /**
     * Reads parameters while the next non-LWS byte is {@code ;}, checking their syntax, and leaves the cursor after
     * the last one. Nothing is decoded here: the result reads its bytes when asked (see {@link Parameters}).
     */
    static Parameters parse(Cursor c) {
        int from = c.pos;
        int n = 0;
        int end = c.pos;
        while (c.acceptSep(';')) {
            int at = c.pos;
            if (!Chars.isToken(c.peek())) {
                throw c.error(c.peek() == ';' || c.atEnd() ? "empty parameter" : "parameter name expected");
            }
            c.pos = c.tokenEnd();
            if (c.acceptSep('=')) {
                skipValue(c);
            }
            end = c.pos;
            if (++n > 64) {
                throw c.error("too many parameters", at);
            }
        }
        c.pos = end;
        return Parameters.lazy(c.b, from, end, n);
    }

    /** Checks a gen-value at the cursor (quoted-string, or token / host characters) and moves past it. */
    private static void skipValue(Cursor c) {
        if (c.peek() == '"') {
            c.skipQuotedString();
            return;
        }
        int p = c.pos;
        while (p < c.end && (Chars.isToken(c.b[p]) || c.b[p] == ':' || c.b[p] == '[' || c.b[p] == ']')) {
            p++;
        }
        if (p == c.pos) {
            throw c.error("parameter value expected");
        }
        c.pos = p;
    }
}
