package io.callisto.sip.message;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.internal.Cursor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A SIP request or response (RFC 3261 §7), parsed lazily and written minimally.
 *
 * <p>A parsed message keeps its original bytes and an index of its header lines. Typed values are parsed on
 * first access ({@link #first(HeaderKey)}, {@link #all(HeaderKey)}) and cached; a malformed value shows up then as
 * a {@link io.callisto.sip.parse.ParseError}. Edits ({@link #set}, {@link #addFirst}, {@link #removeFirst}...)
 * touch only the lines they change: {@link #toBytes()} writes every untouched line, the start line and the body
 * exactly as received, so a message parsed and written back unchanged is the same bytes.
 *
 * <p>Messages are not thread-safe: one owner thread at a time (see docs/ARCHITECTURE.md). Use {@link #copy()}
 * to hand a message to another owner that will edit it.
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {
    /** "SIP/2.0", the only version §7.1 defines. */
    public static final String SIP_2_0 = "SIP/2.0";

    final HeaderTable headers;
    /** Original layout; all -1 for a message built in memory. */
    final int msgStart;
    final int startLineEnd;
    final int headersEnd;
    private final int bodyStart;
    private final int bodyEnd;
    private byte[] newBody;
    boolean startLineEdited;
    /** Reused for every header value parsed from the original bytes (a message has one owner thread). */
    private Cursor cursor;
    /** The Content-Length the parser framed the body with, -1 when there was none. */
    int parsedContentLength = -1;

    SipMessage(HeaderTable headers, int msgStart, int startLineEnd, int headersEnd, int bodyStart, int bodyEnd) {
        this.headers = headers;
        this.msgStart = msgStart;
        this.startLineEnd = startLineEnd;
        this.headersEnd = headersEnd;
        this.bodyStart = bodyStart;
        this.bodyEnd = bodyEnd;
        this.startLineEdited = msgStart < 0;
    }

    /** Lets the parser hand over the cursor it used for the start line, for the header values to reuse. */
    void adoptCursor(Cursor c) {
        cursor = c;
    }

    /**
     * Forgets the header values parsed so far (and the scanner kept for parsing more); the next read parses the
     * text again. For messages held a long time but rarely read, e.g. by a transaction waiting out Timer J, so
     * that they keep only their bytes and line index.
     */
    public void releaseParsedValues() {
        headers.dropCache();
        cursor = null;
    }

    public abstract boolean isRequest();

    /** The SIP version as written, normally "SIP/2.0". */
    public abstract String version();

    /** The start line without its line end, as it will be written. */
    public abstract String startLine();

    /** A deep copy that can be edited independently of this one. */
    public abstract SipMessage copy();

    // ---------------------------------------------------------------- typed header access

    /** The first value of the header, or null when the message has none. */
    @SuppressWarnings("unchecked")
    public <T> T first(HeaderKey<T> key) {
        int i = headers.indexOf(key.name(), 0);
        if (i < 0) {
            return null;
        }
        Object c = compactValues(key, i);
        if (c instanceof List<?> list) {
            return list.isEmpty() ? null : (T) list.get(0);
        }
        return (T) c;
    }

    /** Every value of the header, in order, across all its lines (empty when absent). */
    public <T> List<T> all(HeaderKey<T> key) {
        int i = headers.indexOf(key.name(), 0);
        if (i < 0) {
            return List.of();
        }
        int next = headers.indexOf(key.name(), i + 1);
        if (next < 0) {
            return lineValues(key, i);
        }
        List<T> out = new ArrayList<>(lineValues(key, i));
        for (i = next; i >= 0; i = headers.indexOf(key.name(), i + 1)) {
            out.addAll(lineValues(key, i));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Runs {@code action} on every value of the header, in order, as {@link #all} lists them, without building that
     * list: the validator proves every essential header of every received message this way.
     */
    void forEachValue(HeaderKey<?> key, java.util.function.Consumer<Object> action) {
        for (int i = headers.indexOf(key.name(), 0); i >= 0; i = headers.indexOf(key.name(), i + 1)) {
            Object c = compactValues(key, i);
            if (c instanceof List<?> list) {
                list.forEach(action);
            } else {
                action.accept(c);
            }
        }
    }

    private <T> List<T> lineValues(HeaderKey<T> key, int i) {
        return key.asList(compactValues(key, i));
    }

    /** The parsed values of line {@code i}: one value itself, or a list (see {@link HeaderKey#parseCompact}). */
    private Object compactValues(HeaderKey<?> key, int i) {
        Object c = headers.cached(i);
        if (c == null) {
            if (headers.isOriginal(i)) {
                Cursor cur = cursor;
                cur = cur == null ? (cursor = new Cursor(headers.src, 0, 0)) : cur;
                c = key.parseCompact(cur.reset(headers.valueStart(i), headers.valueEnd(i)));
            } else {
                c = key.parse(headers.valueText(i));
            }
            headers.setCached(i, c);
        }
        return c;
    }

    /** Replaces all lines of the header with one line holding {@code value}. */
    public <T> void set(HeaderKey<T> key, T value) {
        int i = headers.indexOf(key.name(), 0);
        if (i < 0) {
            add(key, value);
            return;
        }
        headers.replace(i, key.format(value), value);
        for (int j = headers.indexOf(key.name(), i + 1); j >= 0; j = headers.indexOf(key.name(), j)) {
            headers.remove(j);
        }
    }

    /** Adds a line with {@code value} after the last line of the same header (or at the end). */
    public <T> void add(HeaderKey<T> key, T value) {
        int at = lastIndexOf(key.name()) + 1;
        if (at == 0) {
            at = appendPosition(key.name());
        }
        headers.insert(at, key.name(), key.name().canonical(), key.format(value));
        headers.setCached(at, value);
    }

    /** Adds a line with {@code value} before every other header line (as a proxy adds its Via, §16.6). */
    public <T> void addFirst(HeaderKey<T> key, T value) {
        headers.insert(0, key.name(), key.name().canonical(), key.format(value));
        headers.setCached(0, value);
    }

    /**
     * Removes the first value of a header, keeping the other values of its line as written (popping a Route,
     * §16.4, or the top Via, §16.7). Returns the removed value, or null when there was none.
     */
    public <T> T removeFirst(HeaderKey<T> key) {
        int i = headers.indexOf(key.name(), 0);
        if (i < 0) {
            return null;
        }
        List<T> values = lineValues(key, i);
        if (values.size() <= 1) {
            headers.remove(i);
            return values.isEmpty() ? null : values.get(0);
        }
        String rest;
        if (headers.isOriginal(i)) {
            int from = key.restAfterFirst(headers.src, headers.valueStart(i), headers.valueEnd(i));
            rest = new String(headers.src, from, headers.valueEnd(i) - from, StandardCharsets.UTF_8);
        } else {
            byte[] b = headers.valueText(i).getBytes(StandardCharsets.UTF_8);
            int from = key.restAfterFirst(b, 0, b.length);
            rest = new String(b, from, b.length - from, StandardCharsets.UTF_8);
        }
        headers.replace(i, rest, List.copyOf(values.subList(1, values.size())));
        return values.get(0);
    }

    /** Removes every line of the header; returns how many lines were removed. */
    public int remove(HeaderName name) {
        int n = 0;
        for (int i = headers.indexOf(name, 0); i >= 0; i = headers.indexOf(name, i)) {
            headers.remove(i);
            n++;
        }
        return n;
    }

    /**
     * Where a header that is not in the message yet goes: at the end, but before a trailing Content-Type and
     * Content-Length, which by convention close the header section.
     */
    private int appendPosition(HeaderName h) {
        int at = headers.size();
        if (h == HeaderName.CONTENT_LENGTH) {
            return at;
        }
        while (at > 0 && (headers.name(at - 1) == HeaderName.CONTENT_LENGTH
                || headers.name(at - 1) == HeaderName.CONTENT_TYPE && h != HeaderName.CONTENT_TYPE)) {
            at--;
        }
        return at;
    }

    private int lastIndexOf(HeaderName h) {
        int last = -1;
        for (int i = headers.indexOf(h, 0); i >= 0; i = headers.indexOf(h, i + 1)) {
            last = i;
        }
        return last;
    }

    // ---------------------------------------------------------------- raw access by name

    /** The first line's value of the header named {@code name} (any case, long or compact form), or null. */
    public String header(String name) {
        int i = headers.indexOf(name, 0);
        return i < 0 ? null : headers.valueText(i);
    }

    /** The value text of every line of the header named {@code name}. */
    public List<String> headers(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = headers.indexOf(name, 0); i >= 0; i = headers.indexOf(name, i + 1)) {
            out.add(headers.valueText(i));
        }
        return out;
    }

    /** Appends a header line given as text (for headers without a typed key). */
    public void addHeader(String name, String value) {
        HeaderName h = HeaderName.lookup(name);
        int at = h == null ? -1 : lastIndexOf(h);
        at = at >= 0 ? at + 1 : appendPosition(h);
        headers.insert(at, h, h != null && h.canonical().equalsIgnoreCase(name) ? h.canonical() : name, value);
    }

    /** Replaces all lines of the named header with one line of text. */
    public void setHeader(String name, String value) {
        removeHeader(name);
        addHeader(name, value);
    }

    /** Removes all lines of the named header; returns how many. */
    public int removeHeader(String name) {
        int n = 0;
        for (int i = headers.indexOf(name, 0); i >= 0; i = headers.indexOf(name, i)) {
            headers.remove(i);
            n++;
        }
        return n;
    }

    /** The number of header lines. */
    public int headerCount() {
        return headers.size();
    }

    /** The name of line {@code i} as written. */
    public String headerName(int i) {
        return headers.nameText(i);
    }

    /** The known header of line {@code i}, or null for an extension header. */
    public HeaderName headerKind(int i) {
        return headers.name(i);
    }

    /** The value text of line {@code i}. */
    public String headerValue(int i) {
        return headers.valueText(i);
    }

    /** How many lines carry this header. */
    public int count(HeaderName name) {
        return headers.count(name);
    }

    // ---------------------------------------------------------------- the headers every element reads

    public Via topVia() {
        return first(Headers.VIA);
    }

    public List<Via> vias() {
        return all(Headers.VIA);
    }

    public NameAddress from() {
        return first(Headers.FROM);
    }

    public NameAddress to() {
        return first(Headers.TO);
    }

    public String callId() {
        return first(Headers.CALL_ID);
    }

    public CSeq cseq() {
        return first(Headers.CSEQ);
    }

    /** Max-Forwards, or -1 when absent. */
    public int maxForwards() {
        Integer v = first(Headers.MAX_FORWARDS);
        return v == null ? -1 : v;
    }

    public List<NameAddress> contacts() {
        return all(Headers.CONTACT);
    }

    public List<NameAddress> routes() {
        return all(Headers.ROUTE);
    }

    public List<NameAddress> recordRoutes() {
        return all(Headers.RECORD_ROUTE);
    }

    public MediaType contentType() {
        return first(Headers.CONTENT_TYPE);
    }

    /** The Content-Length header's value, or -1 when there is none (no boxing: the parser read it already). */
    public long contentLength() {
        if (!headers.edited()) {
            return parsedContentLength;
        }
        Long v = first(Headers.CONTENT_LENGTH);
        return v == null ? -1 : v;
    }

    // ---------------------------------------------------------------- body

    /** The body's length in bytes. */
    public int bodyLength() {
        return newBody != null ? newBody.length : bodyEnd - bodyStart;
    }

    /** A copy of the body (empty array when there is none). */
    public byte[] body() {
        return newBody != null ? newBody.clone() : Arrays.copyOfRange(headers.src, bodyStart, bodyEnd);
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** Sets the body and its Content-Type (null type removes Content-Type), and updates Content-Length. */
    public void setBody(MediaType type, byte[] body) {
        newBody = body == null ? new byte[0] : body.clone();
        if (type == null || newBody.length == 0) {
            remove(HeaderName.CONTENT_TYPE);
        } else {
            set(Headers.CONTENT_TYPE, type);
        }
        set(Headers.CONTENT_LENGTH, (long) newBody.length);
    }

    // ---------------------------------------------------------------- writing

    /** The message as bytes: untouched parts exactly as received, edited lines in canonical form. */
    public byte[] toBytes() {
        return MessageWriter.write(this);
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    boolean hasNewBody() {
        return newBody != null;
    }

    byte[] newBody() {
        return newBody;
    }

    int bodyStart() {
        return bodyStart;
    }

    int bodyEnd() {
        return bodyEnd;
    }

    HeaderTable table() {
        return headers;
    }
}
