package io.callisto.sip.message;

import io.callisto.sip.parse.ParseError;
import java.util.Arrays;

/**
 * Splits a byte stream (TCP, TLS) into SIP messages by Content-Length (RFC 3261 §18.3), and recognises the
 * CRLF keep-alives of RFC 5626 §4.4.1 between messages: a double CRLF is a ping, a single CRLF a pong. (A ping
 * split between two reads is reported as a pong, then a ping: servers ignore pongs, and the ping still gets its
 * answer.)
 *
 * <p>Feed it bytes as they arrive, in pieces of any size; each complete message goes to the listener as soon as
 * its last byte is in, with its own copy of the bytes. A framing error (no Content-Length, an oversize message,
 * a malformed header section) is thrown as {@link ParseError}; the framer cannot resynchronise after that, so the
 * connection should be closed. One framer per connection; not thread-safe.
 */
public final class StreamFramer {
    /** What the framer found in the stream. */
    public interface Listener {
        void onMessage(SipMessage message);

        /** A CRLFCRLF keep-alive ping arrived between messages; the peer expects a CRLF pong. */
        default void onPing() {}

        /** A lone CRLF pong arrived between messages. */
        default void onPong() {}
    }

    private final SipParser parser;
    private final Listener listener;
    private byte[] buf = new byte[4096];
    private int start;
    private int limit;
    /** Where the search for the end of the header section resumes. */
    private int scanned;
    /** Total length of the message at {@code start} once its headers are known, else -1. */
    private int needed = -1;
    private boolean failed;
    /** The last keep-alive was a lone CRLF at the very end of the buffered bytes. */
    private boolean pongEndedBuffer;

    public StreamFramer(SipParser parser, Listener listener) {
        this.parser = parser;
        this.listener = listener;
    }

    /** Bytes buffered but not yet delivered. */
    public int buffered() {
        return limit - start;
    }

    /** Consumes {@code data[off, off+len)}, delivering every message it completes. */
    public void feed(byte[] data, int off, int len) {
        if (failed) {
            throw new ParseError("stream already failed to frame");
        }
        append(data, off, len);
        try {
            while (deliverOne()) {
                // keep going while complete messages are buffered
            }
        } catch (ParseError e) {
            failed = true;
            throw e;
        }
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    private boolean deliverOne() {
        if (needed < 0) {
            if (!skipKeepAlives()) {
                return false;
            }
            int headersEnd = findHeadersEnd();
            if (headersEnd < 0) {
                if (limit - start > parser.limits().maxMessageSize()) {
                    throw new ParseError("header section larger than " + parser.limits().maxMessageSize() + " bytes");
                }
                return false;
            }
            long cl = parser.streamContentLength(buf, start, headersEnd);
            long total = (long) headersEnd - start + cl;
            if (total > parser.limits().maxMessageSize()) {
                throw new ParseError("message larger than " + parser.limits().maxMessageSize() + " bytes");
            }
            needed = (int) total;
        }
        if (limit - start < needed) {
            return false;
        }
        byte[] own = Arrays.copyOfRange(buf, start, start + needed);
        start += needed;
        scanned = start;
        needed = -1;
        listener.onMessage(parser.parse(own, 0, own.length, false));
        return true;
    }

    /**
     * Consumes CRLFs before a message; returns false when the buffer holds nothing else yet. A lone CRLF that
     * ends the buffered bytes is reported as a pong at once (a client's liveness check must not wait); if the
     * next bytes start with another CRLF, the two were a ping split across reads, and a ping is reported too.
     */
    private boolean skipKeepAlives() {
        while (start < limit) {
            int n = crlfAt(start);
            if (n == 0) {
                pongEndedBuffer = false;
                return true;
            }
            if (n < 0) {
                return false; // a CR at the end of the buffer: wait for the byte that says what it is
            }
            int m = start + n < limit ? crlfAt(start + n) : 0;
            if (m < 0) {
                return false;
            }
            if (m > 0) {
                start += n + m;
                pongEndedBuffer = false;
                listener.onPing();
            } else if (pongEndedBuffer) {
                start += n;
                pongEndedBuffer = false;
                listener.onPing();
            } else {
                start += n;
                pongEndedBuffer = start == limit;
                listener.onPong();
            }
            scanned = start;
        }
        return false;
    }

    /** 2 for CRLF, 1 for a bare LF, -1 for a CR that ends the buffer, 0 otherwise. */
    private int crlfAt(int p) {
        if (buf[p] == '\n') {
            return 1;
        }
        if (buf[p] == '\r') {
            if (p + 1 >= limit) {
                return -1;
            }
            return buf[p + 1] == '\n' ? 2 : 0;
        }
        return 0;
    }

    /** Offset just after the empty line ending the header section, or -1 when not buffered yet. */
    private int findHeadersEnd() {
        int p = Math.max(scanned, start);
        for (; p < limit; p++) {
            if (buf[p] == '\n') {
                if (p + 1 < limit && buf[p + 1] == '\n') {
                    return p + 2;
                }
                if (p + 2 < limit && buf[p + 1] == '\r' && buf[p + 2] == '\n') {
                    return p + 3;
                }
                if (p + 2 >= limit) {
                    break; // the terminator may be split: look at this LF again next time
                }
            }
        }
        scanned = Math.max(start, p);
        return -1;
    }

    private void append(byte[] data, int off, int len) {
        if (start > 0 && start == limit) {
            start = limit = scanned = 0;
        }
        if (limit + len > buf.length) {
            int live = limit - start;
            if (live + len <= buf.length / 2) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + len)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            scanned -= start;
            limit = live;
            start = 0;
        }
        System.arraycopy(data, off, buf, limit, len);
        limit += len;
    }
}
