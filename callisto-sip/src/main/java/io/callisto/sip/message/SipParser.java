package io.callisto.sip.message;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.internal.Interned;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.parse.ParserLimits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Turns bytes into a {@link SipMessage}: one pass over the start line and header section that records where each
 * header line is (RFC 3261 §7), then body framing by Content-Length. Header values are parsed later, on access.
 *
 * <p>Total: for any input it returns a message or throws {@link ParseError}, in time linear in the input and
 * within {@link ParserLimits}. Thread-safe (stateless apart from its limits).
 */
public final class SipParser {
    /** A parser with {@link ParserLimits#DEFAULT}. */
    public static final SipParser DEFAULT = new SipParser(ParserLimits.DEFAULT);

    /**
     * For re-reading bytes Callisto wrote itself from a message that was already accepted (copies): such a
     * message may legitimately exceed {@link ParserLimits#DEFAULT} when it was parsed with larger limits.
     */
    static final SipParser TRUSTED = new SipParser(new ParserLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));

    private final ParserLimits limits;

    public SipParser(ParserLimits limits) {
        this.limits = limits;
    }

    public ParserLimits limits() {
        return limits;
    }

    /** Parses a whole datagram (see {@link #parseDatagram(byte[], int, int)}). */
    public SipMessage parseDatagram(byte[] datagram) {
        return parseDatagram(datagram, 0, datagram.length);
    }

    /**
     * Parses one message that arrived in one datagram (§18.3): without Content-Length the body runs to the end of
     * the datagram; octets beyond Content-Length are ignored; a Content-Length beyond the datagram is an error.
     * The message keeps a reference to {@code b}, which must not be changed afterwards.
     */
    public SipMessage parseDatagram(byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new ParseError("invalid buffer range");
        }
        return parse(b, off, off + len, true);
    }

    /** Parses a message given as text (UTF-8), as if it had arrived in one datagram. */
    public static SipMessage parse(String text) {
        return DEFAULT.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses {@code b[off, end)}. With {@code datagram} false the range must hold exactly one message whose
     * Content-Length is present and matches (the stream framer's case).
     */
    SipMessage parse(byte[] b, int off, int end, boolean datagram) {
        int p = off;
        while (p < end && (b[p] == '\r' || b[p] == '\n')) {
            p++; // §7.5: CRLFs before the start line are ignored
        }
        if (p >= end) {
            throw new ParseError("empty message", off);
        }
        int msgStart = p;
        int lf = findLf(b, p, bound(p, limits.maxLineLength(), end));
        if (lf < 0) {
            throw new ParseError(end - p > limits.maxLineLength() ? "start line too long" : "start line has no line end",
                    p);
        }
        int lineEnd = lf > p && b[lf - 1] == '\r' ? lf - 1 : lf;
        int startLineEnd = lf + 1;
        HeaderTable table = new HeaderTable(b, off, end - off, 16);
        int headersEnd = indexHeaders(b, startLineEnd, end, table, datagram);
        int bodyStart = headersEnd == end ? end : b[headersEnd] == '\r' ? headersEnd + 2 : headersEnd + 1;
        long cl = contentLength(b, table);
        int bodyEnd;
        if (cl < 0) {
            if (!datagram) {
                throw new ParseError("Content-Length is required on a stream transport (RFC 3261 §18.3)");
            }
            bodyEnd = end;
        } else if (cl > end - bodyStart) {
            throw new ParseError("Content-Length larger than the message body (" + cl + " > " + (end - bodyStart) + ")",
                    HeaderName.CONTENT_LENGTH.canonical(), bodyStart);
        } else {
            bodyEnd = bodyStart + (int) cl;
            if (!datagram && bodyEnd != end) {
                throw new ParseError("Content-Length does not match the framed message");
            }
        }
        if (bodyEnd - msgStart > limits.maxMessageSize()) {
            throw new ParseError("message larger than " + limits.maxMessageSize() + " bytes", msgStart);
        }
        Cursor c = new Cursor(b, msgStart, lineEnd);
        SipMessage m = isResponseLine(b, msgStart, lineEnd)
                ? response(c, startLineEnd, headersEnd, bodyStart, bodyEnd, table)
                : request(c, startLineEnd, headersEnd, bodyStart, bodyEnd, table);
        m.adoptCursor(c);
        m.parsedContentLength = (int) cl; // fits: the body lies within the message
        return m;
    }

    /**
     * Indexes the header section {@code b[off, headersEnd)} of a message arriving on a stream and returns its
     * Content-Length, which a stream transport requires (§18.3).
     */
    long streamContentLength(byte[] b, int off, int headersEnd) {
        int p = off;
        while (p < headersEnd && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        int lf = findLf(b, p, bound(p, limits.maxLineLength(), headersEnd));
        if (lf < 0) {
            throw new ParseError("start line too long", p);
        }
        HeaderTable table = new HeaderTable(b, off, headersEnd - off, 16);
        indexHeaders(b, lf + 1, headersEnd, table, false);
        long cl = contentLength(b, table);
        if (cl < 0) {
            throw new ParseError("Content-Length is required on a stream transport (RFC 3261 §18.3)");
        }
        return cl;
    }

    /**
     * Indexes header lines from {@code p}; returns the offset of the empty line ending the section (or
     * {@code end} for a datagram whose last header line is also its last line).
     */
    private int indexHeaders(byte[] b, int p, int end, HeaderTable table, boolean datagram) {
        int maxLine = limits.maxLineLength();
        int maxHeaders = limits.maxHeaders();
        while (true) {
            if (p >= end) {
                if (datagram && table.size() > 0) {
                    return end; // tolerated: a datagram that ends right after its last header line
                }
                throw new ParseError("message ends before the empty line that ends the headers", p);
            }
            byte c = b[p];
            if (c == '\r' && p + 1 < end && b[p + 1] == '\n' || c == '\n') {
                return p;
            }
            int lineStart = p;
            int h = 0;
            int l;
            while (p < end && (l = Chars.tokenLower(b[p])) != 0) {
                h = h * 31 + l;
                p++;
            }
            int nameEnd = p;
            if (nameEnd == lineStart) {
                throw new ParseError(c == ' ' || c == '\t' ? "continuation line without a header"
                        : "header name expected", lineStart);
            }
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            if (p >= end || b[p] != ':') {
                throw new ParseError("':' expected after header name \""
                        + new String(b, lineStart, nameEnd - lineStart, StandardCharsets.ISO_8859_1) + "\"", p);
            }
            p = skipLeadingLws(b, p + 1, end);
            int valueStart = p;
            int lf = findLineEnd(b, p, end, bound(lineStart, maxLine, end), valueStart, lineStart);
            int valueEnd = lf;
            while (valueEnd > valueStart && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t'
                    || b[valueEnd - 1] == '\r' || b[valueEnd - 1] == '\n')) {
                valueEnd--; // trailing white space and folds are not part of the value
            }
            p = lf + 1;
            if (nameEnd - lineStart > HeaderTable.MAX_OFFSET || valueStart - lineStart > HeaderTable.MAX_OFFSET) {
                throw new ParseError(nameEnd - lineStart > HeaderTable.MAX_OFFSET ? "header name too long"
                        : "too much white space before header value", lineStart);
            }
            if (table.size() >= maxHeaders) {
                throw new ParseError("more than " + maxHeaders + " header lines", lineStart);
            }
            table.addOriginal(lineStart, nameEnd, valueStart, valueEnd,
                    HeaderName.lookup(b, lineStart, nameEnd, HeaderName.mix(h)));
        }
    }

    /** Skips SP, HTAB and line folds after a header's colon (HCOLON = *( SP / HTAB ) ":" SWS). */
    private static int skipLeadingLws(byte[] b, int p, int end) {
        while (true) {
            if (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            } else if (p + 1 < end && b[p] == '\n' && (b[p + 1] == ' ' || b[p + 1] == '\t')) {
                p += 2;
            } else if (p + 2 < end && b[p] == '\r' && b[p + 1] == '\n' && (b[p + 2] == ' ' || b[p + 2] == '\t')) {
                p += 3;
            } else {
                return p;
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Finds the LF that ends the header line whose value starts at {@code p}, stepping over line folds (§7.3.1)
     * and checking that the value holds no control character (HTAB aside; a quoted-pair may escape one, §25.1).
     * Eight bytes at a time while none of them is below 0x20 or DEL: most of a header is skipped that way.
     */
    private static int findLineEnd(byte[] b, int p, int end, int limit, int valueStart, int lineStart) {
        while (true) {
            while (p + 8 <= limit) {
                long w = (long) LONGS.get(b, p);
                long del = w ^ 0x7f7f7f7f7f7f7f7fL;
                long hits = (((w - 0x20 * ONES) & ~w) | ((del - ONES) & ~del)) & HIGHS;
                if (hits != 0) {
                    // the lowest flagged byte is the first control byte (borrows only flag bytes above it)
                    p += Long.numberOfTrailingZeros(hits) >>> 3;
                    break;
                }
                p += 8;
            }
            if (p >= limit) {
                throw new ParseError(p >= end ? "message ends inside a header line" : "header line too long",
                        lineStart);
            }
            int x = b[p] & 0xff;
            if (x >= 0x20 && x != 0x7f || x == '\t') {
                p++;
            } else if (x == '\n') {
                if (p + 1 < end && (b[p + 1] == ' ' || b[p + 1] == '\t')) {
                    p += 2; // a line fold is LWS (§7.3.1)
                } else {
                    return p;
                }
            } else if (x == '\r' && p + 1 < end && b[p + 1] == '\n') {
                if (p + 2 < end && (b[p + 2] == ' ' || b[p + 2] == '\t')) {
                    p += 3; // a line fold is LWS (§7.3.1)
                } else {
                    return p + 1;
                }
            } else if (x != '\r' && p > valueStart && b[p - 1] == '\\') {
                p++; // a quoted-pair may escape a control character (§25.1); the value parser checks
            } else {
                throw new ParseError(x == '\r' ? "CR without LF in header" : "control character in header", p);
            }
        }
    }

    /** The first Content-Length value, or -1 when absent (§20.14; duplicates are the validator's business). */
    private static long contentLength(byte[] b, HeaderTable t) {
        int i = t.indexOf(HeaderName.CONTENT_LENGTH, 0);
        if (i < 0) {
            return -1;
        }
        int from = t.valueStart(i);
        int to = t.valueEnd(i);
        if (from < to && b[from] == '-') {
            throw new ParseError("negative Content-Length", HeaderName.CONTENT_LENGTH.canonical(), from);
        }
        long v = 0;
        if (from == to) {
            throw new ParseError("empty Content-Length", HeaderName.CONTENT_LENGTH.canonical(), from);
        }
        for (int p = from; p < to; p++) {
            byte c = b[p];
            if (c < '0' || c > '9' || p - from >= 10) {
                throw new ParseError(c < '0' || c > '9' ? "Content-Length is not a number" : "Content-Length too large",
                        HeaderName.CONTENT_LENGTH.canonical(), p);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isResponseLine(byte[] b, int p, int end) {
        return end - p >= 4 && (b[p] | 0x20) == 's' && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'p'
                && b[p + 3] == '/';
    }

    /** Request-Line = Method SP Request-URI SP SIP-Version CRLF (§7.1, §25.1). */
    private static SipRequest request(Cursor c, int startLineEnd, int headersEnd, int bodyStart, int bodyEnd,
            HeaderTable table) {
        byte[] b = c.b;
        int p = c.pos;
        int lineEnd = c.end;
        int mEnd = c.tokenEnd();
        if (mEnd == p) {
            throw c.error("method expected at start of Request-Line");
        }
        String method = Interned.method(c, p, mEnd);
        c.pos = mEnd;
        c.expect(' ', "single SP after method");
        int uriFrom = c.pos;
        while (c.pos < lineEnd && (b[c.pos] & 0xff) > ' ' && b[c.pos] != 0x7f) {
            c.pos++;
        }
        if (c.pos == uriFrom) {
            throw c.error(c.peek() == ' ' ? "more than one SP between Request-Line elements" : "Request-URI expected");
        }
        if (b[uriFrom] == '<') {
            throw c.error("Request-URI must not be enclosed in '<' and '>'", uriFrom);
        }
        int uriTo = c.pos;
        if (c.atEnd()) {
            throw c.error("SIP version expected after Request-URI");
        }
        c.expect(' ', "single SP after Request-URI");
        String version = version(c, "Request-Line");
        if (!c.atEnd()) {
            throw c.error(c.peek() == ' ' ? "trailing white space in Request-Line"
                    : "unexpected characters after SIP version (white space in Request-URI?)");
        }
        return new SipRequest(table, p, startLineEnd, headersEnd, bodyStart, bodyEnd, method, uriFrom, uriTo, version);
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF (§7.2, §25.1). */
    private static SipResponse response(Cursor c, int startLineEnd, int headersEnd, int bodyStart, int bodyEnd,
            HeaderTable table) {
        byte[] b = c.b;
        int p = c.pos;
        int lineEnd = c.end;
        String version = version(c, "Status-Line");
        c.expect(' ', "SP after SIP version");
        int codeStart = c.pos;
        int status = 0;
        while (!c.atEnd() && Chars.isDigit(c.peek())) {
            if (c.pos - codeStart >= 3) {
                throw c.error("status code must be three digits", codeStart);
            }
            status = status * 10 + (c.peek() - '0');
            c.pos++;
        }
        if (c.pos - codeStart != 3) {
            throw c.error("status code must be three digits", codeStart);
        }
        if (status < 100 || status > 699) {
            throw c.error("status code out of range (100-699)", codeStart);
        }
        String reason = "";
        if (!c.atEnd()) {
            c.expect(' ', "SP after status code");
            for (int q = c.pos; q < lineEnd; q++) {
                int x = b[q] & 0xff;
                if (x < 0x20 && x != '\t' || x == 0x7f) {
                    throw c.error("control character in reason phrase", q);
                }
            }
            reason = c.utf8(c.pos, lineEnd);
        }
        return new SipResponse(table, p, startLineEnd, headersEnd, bodyStart, bodyEnd, version, status, reason);
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; "SIP/2.0" is shared, other versions are kept as written. */
    private static String version(Cursor c, String where) {
        int from = c.pos;
        if (c.end - from >= 7 && c.b[from] == 'S' && c.b[from + 1] == 'I' && c.b[from + 2] == 'P'
                && c.b[from + 3] == '/' && c.b[from + 4] == '2' && c.b[from + 5] == '.' && c.b[from + 6] == '0'
                && (c.end - from == 7 || c.b[from + 7] == ' ')) {
            c.pos += 7;
            return SipMessage.SIP_2_0;
        }
        if (!isResponseLine(c.b, from, c.end)) {
            throw c.error("SIP version expected in " + where);
        }
        c.pos += 4;
        c.digits("SIP major version", 3);
        c.expect('.', "'.' in SIP version");
        c.digits("SIP minor version", 3);
        return c.ascii(from, c.pos);
    }

    /** {@code min(end, start + max)} without overflowing for very large limits. */
    private static int bound(int start, int max, int end) {
        return max >= end - start ? end : start + max;
    }

    private static int findLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
