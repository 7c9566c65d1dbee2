package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;

/** Parsers for the header values that are plain numbers, tokens, words or text (RFC 3261 §25.1). */
final class Scalars {
    private Scalars() {}

    /** Call-ID = word [ "@" word ] (§20.8). */
    static String callId(Cursor c) {
        int from = c.pos;
        int p = wordEnd(c, from);
        if (p == from) {
            throw c.error("Call-ID expected");
        }
        if (p < c.end && c.b[p] == '@') {
            int q = wordEnd(c, p + 1);
            if (q == p + 1) {
                throw c.error("word expected after '@' in Call-ID", p + 1);
            }
            p = q;
        }
        c.pos = p;
        return c.ascii(from, p);
    }

    private static int wordEnd(Cursor c, int p) {
        while (p < c.end && Chars.is(c.b[p], Chars.WORD)) {
            p++;
        }
        return p;
    }

    /** Max-Forwards = 1*DIGIT, 0-255 (§20.22 with the range every implementation enforces, RFC 4475 §3.1.2.4). */
    static Integer maxForwards(Cursor c) {
        int at = c.pos;
        long v = c.digits("Max-Forwards", 4);
        if (v > 255) {
            throw c.error("Max-Forwards out of range (0-255)", at);
        }
        return (int) v;
    }

    /** delta-seconds (§25.1), capped at 2^32-1: Expires, Min-Expires, Content-Length and others. */
    static Long deltaSeconds(Cursor c) {
        if (c.peek() == '-') {
            throw c.error("negative number");
        }
        return c.uint32("number");
    }

    /** A single token, e.g. one option-tag of Supported or one method of Allow. */
    static String token(Cursor c) {
        return c.token("token");
    }

    /** TEXT-UTF8-TRIM and similar free text: everything up to the end of the value, as written. */
    static String text(Cursor c) {
        int from = c.pos;
        for (int p = from; p < c.end; p++) {
            int x = c.b[p] & 0xff;
            if (x < 0x20 && x != '\t' && x != '\r' && x != '\n' || x == 0x7f) {
                throw c.error("control character in header value", p);
            }
        }
        c.pos = c.end;
        return c.utf8(from, c.end);
    }
}
