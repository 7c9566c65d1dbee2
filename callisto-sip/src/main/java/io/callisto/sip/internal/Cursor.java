package io.callisto.sip.internal;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;

/**
 * A read position over a byte range, with the lexical rules of RFC 3261 §25.1 (LWS, tokens, quoted strings).
 * Every failure is a {@link ParseError} carrying the offset of the byte that broke the rule.
 * Not thread-safe; meant to live for one parse.
 */
public final class Cursor {
    public final byte[] b;
    public int pos;
    public int end;

    public Cursor(byte[] b, int pos, int end) {
        this.b = b;
        this.pos = pos;
        this.end = end;
    }

    /** Points this cursor at {@code b[pos, end)} again, so one cursor can serve many parses of one buffer. */
    public Cursor reset(int pos, int end) {
        this.pos = pos;
        this.end = end;
        return this;
    }

    public static Cursor of(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return new Cursor(bytes, 0, bytes.length);
    }

    public boolean atEnd() {
        return pos >= end;
    }

    /** The current byte (0-255) or -1 at the end. */
    public int peek() {
        return pos < end ? b[pos] & 0xff : -1;
    }

    public int peek(int ahead) {
        int p = pos + ahead;
        return p < end ? b[p] & 0xff : -1;
    }

    public ParseError error(String reason) {
        return new ParseError(reason, pos);
    }

    public ParseError error(String reason, int at) {
        return new ParseError(reason, at);
    }

    /**
     * Skips linear white space: SP, HTAB and line folds (CRLF or a bare LF followed by SP or HTAB).
     * Returns true if anything was skipped.
     */
    public boolean skipLws() {
        int start = pos;
        while (pos < end) {
            byte c = b[pos];
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\r' && pos + 2 < end && b[pos + 1] == '\n' && Chars.isWsp(b[pos + 2])) {
                pos += 3;
            } else if (c == '\n' && pos + 1 < end && Chars.isWsp(b[pos + 1])) {
                pos += 2;
            } else {
                break;
            }
        }
        return pos > start;
    }

    /** Skips LWS, then consumes {@code c} if it is next (the SWS c SWS separators of §25.1). */
    public boolean acceptSep(char c) {
        int save = pos;
        skipLws();
        if (pos < end && b[pos] == c) {
            pos++;
            skipLws();
            return true;
        }
        pos = save;
        return false;
    }

    public boolean accept(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    public void expect(char c, String what) {
        if (pos >= end || b[pos] != c) {
            throw error(pos >= end ? what + " expected, found end of value" : what + " expected");
        }
        pos++;
    }

    /** Consumes {@code 1*token}; fails with "{what} expected" when none is there. */
    public String token(String what) {
        int start = pos;
        int p = pos;
        while (p < end && Chars.isToken(b[p])) {
            p++;
        }
        if (p == start) {
            throw error(what + " expected");
        }
        pos = p;
        return ascii(start, p);
    }

    /** Position just after the token starting at {@code pos} (== pos if none). Does not move. */
    public int tokenEnd() {
        int p = pos;
        while (p < end && Chars.isToken(b[p])) {
            p++;
        }
        return p;
    }

    /** Consumes bytes while they are in the given {@link Chars} class; returns how many. */
    public int skipClass(int flags) {
        int start = pos;
        while (pos < end && Chars.is(b[pos], flags)) {
            pos++;
        }
        return pos - start;
    }

    /**
     * Consumes a quoted-string (§25.1) starting at the opening DQUOTE and returns its content with
     * quoted-pairs resolved and each line fold (with the white space after it) replaced by one space.
     */
    public String quotedString() {
        int open = pos;
        skipQuotedString();
        int from = open + 1;
        int to = pos - 1;
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            plain = b[i] != '\\' && b[i] != '\r' && b[i] != '\n';
        }
        if (plain) {
            return utf8(from, to);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\') {
                out[n++] = b[++i];
            } else if (c == '\r' || c == '\n') {
                while (i + 1 < to && (b[i + 1] == '\r' || b[i + 1] == '\n' || Chars.isWsp(b[i + 1]))) {
                    i++;
                }
                out[n++] = ' ';
            } else {
                out[n++] = c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /**
     * Consumes a quoted-string (§25.1: qdtext, quoted-pairs, line folds) without building its content, for values
     * whose text is decoded only if asked for.
     */
    public void skipQuotedString() {
        int open = pos;
        expect('"', "opening quote");
        while (true) {
            if (pos >= end) {
                throw error("unterminated quoted string", open);
            }
            int c = b[pos] & 0xff;
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                if (pos + 1 >= end) {
                    throw error("unterminated quoted string", open);
                }
                int q = b[pos + 1] & 0xff;
                if (q == '\r' || q == '\n' || q > 0x7f) {
                    throw error("invalid quoted-pair in quoted string");
                }
                pos += 2;
            } else if (c == '\r' || c == '\n') {
                if (!skipLws()) {
                    throw error("line break in quoted string");
                }
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw error("control character in quoted string");
            } else {
                pos++;
            }
        }
    }

    /** Skips a quoted string without building it; returns the position after the closing quote. */
    public static int skipQuoted(byte[] b, int p, int end) {
        p++;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            }
            p += c == '\\' ? 2 : 1;
        }
        return -1;
    }

    /** Parses 1*DIGIT as a non-negative long; fails if longer than {@code maxDigits} or empty. */
    public long digits(String what, int maxDigits) {
        int start = pos;
        long v = 0;
        while (pos < end && Chars.isDigit(b[pos])) {
            if (pos - start >= maxDigits) {
                throw error(what + " too large", start);
            }
            v = v * 10 + (b[pos] - '0');
            pos++;
        }
        if (pos == start) {
            throw error(what + " expected");
        }
        return v;
    }

    /** Parses a delta-seconds style number limited to 2^32-1 (§25.1 allows implementations to cap). */
    public long uint32(String what) {
        int start = pos;
        long v = digits(what, 20);
        if (pos - start > 10 || v > 0xFFFFFFFFL) {
            throw error(what + " out of range", start);
        }
        return v;
    }

    public void expectEnd(String what) {
        skipLws();
        if (pos < end) {
            throw error("unexpected characters after " + what);
        }
    }

    public String ascii(int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    public String utf8(int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return new String(b, from, to - from, StandardCharsets.UTF_8);
            }
        }
        return ascii(from, to);
    }

    public boolean regionEqualsIgnoreCase(int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Chars.lower(b[from + i]) != Chars.lower(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
