package io.callisto.sip.message;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.internal.Chars;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header section of one message as an index into its original bytes (DESIGN principle 2): four ints per
 * header line (line start, end of name, value start, value end), the known {@link HeaderName} of each line, and a
 * cache of parsed values. Lines added or changed after parsing carry their text instead of offsets, so unchanged
 * lines are written back byte for byte. Not thread-safe: a message belongs to one thread at a time.
 */
final class HeaderTable {
    /**
     * Narrow layout (messages up to 64 KiB, nearly all): two ints per line, {@code lineStart - base << 16 |
     * valueLength} (-1 for a synthesized line) and {@code meta}. Wide layout: four ints per line, line start,
     * value start, value end (all -1 for a synthesized line) and {@code meta}.
     */
    private static final int NARROW = 2;
    private static final int WIDE = 4;
    /**
     * meta = (value start - line start) &lt;&lt; 20 | name length &lt;&lt; 8 | (HeaderName ordinal + 1); the low byte
     * is 0 for an extension header.
     */
    private static final int ID_MASK = 0xff;
    /** Longest header name, and longest distance from line start to value, that {@code meta} can hold. */
    static final int MAX_OFFSET = 0xfff;
    /** Largest span (from {@code base}) the narrow layout can index. */
    static final int NARROW_SPAN = 0xffff;

    final byte[] src;
    private final int base;
    private final int stride;
    private int count;
    /** Lines {@code pos} can hold ({@code pos.length / stride}, kept to avoid a division per line). */
    private int capacity;
    private int[] pos;
    private Object[] cache;
    /** For synthesized lines: name and value text; null entries for original lines. Allocated on first edit. */
    private String[] newNames;
    private String[] newValues;
    /** Set by any insert, remove or replace: the section can no longer be written as one original range. */
    private boolean edited;

    /** A table for lines found in {@code src[base, base + span)}. */
    HeaderTable(byte[] src, int base, int span, int capacity) {
        this.src = src;
        this.base = base;
        this.stride = span <= NARROW_SPAN ? NARROW : WIDE;
        this.pos = new int[capacity * stride];
        this.capacity = capacity;
    }

    /** A table for a message built in memory (synthesized lines only). */
    HeaderTable(int capacity) {
        this(new byte[0], 0, 0, capacity);
    }

    int size() {
        return count;
    }

    boolean edited() {
        return edited;
    }

    private int capacity() {
        return capacity;
    }

    private static int meta(HeaderName name, int nameLength, int valueOffset) {
        return valueOffset << 20 | nameLength << 8 | (name == null ? 0 : name.ordinal() + 1);
    }

    private int meta(int i) {
        return pos[i * stride + stride - 1];
    }

    /**
     * Appends an original line (used by the parser, which guarantees name length and value offset are at most
     * {@link #MAX_OFFSET} and that the line lies within the span given at construction).
     */
    void addOriginal(int lineStart, int nameEnd, int valueStart, int valueEnd, HeaderName name) {
        if (count == capacity()) {
            ensure(count + 1);
        }
        int o = count * stride;
        int m = meta(name, nameEnd - lineStart, valueStart - lineStart);
        if (stride == NARROW) {
            pos[o] = (lineStart - base) << 16 | (valueEnd - valueStart);
            pos[o + 1] = m;
        } else {
            pos[o] = lineStart;
            pos[o + 1] = valueStart;
            pos[o + 2] = valueEnd;
            pos[o + 3] = m;
        }
        count++;
    }

    private void ensure(int n) {
        if (n > capacity()) {
            int cap = Math.max(n, capacity() * 2);
            pos = Arrays.copyOf(pos, cap * stride);
            capacity = cap;
            if (cache != null) {
                cache = Arrays.copyOf(cache, cap);
            }
            if (newNames != null) {
                newNames = Arrays.copyOf(newNames, cap);
                newValues = Arrays.copyOf(newValues, cap);
            }
        }
    }

    HeaderName name(int i) {
        return HeaderName.byOrdinal((meta(i) & ID_MASK) - 1);
    }

    boolean isOriginal(int i) {
        return stride == NARROW ? pos[i * NARROW] != -1 : pos[i * WIDE] >= 0;
    }

    int lineStart(int i) {
        return stride == NARROW ? base + (pos[i * NARROW] >>> 16) : pos[i * WIDE];
    }

    int valueStart(int i) {
        return stride == NARROW ? lineStart(i) + (meta(i) >>> 20) : pos[i * WIDE + 1];
    }

    int valueEnd(int i) {
        return stride == NARROW ? valueStart(i) + (pos[i * NARROW] & 0xffff) : pos[i * WIDE + 2];
    }

    /** The header name as written (original lines) or as given (added lines). */
    String nameText(int i) {
        if (isOriginal(i)) {
            return new String(src, lineStart(i), (meta(i) >>> 8) & MAX_OFFSET, StandardCharsets.ISO_8859_1);
        }
        return newNames[i];
    }

    /** The value text: original bytes (folding included) or the text set by an edit. */
    String valueText(int i) {
        if (isOriginal(i)) {
            int from = valueStart(i);
            return new String(src, from, valueEnd(i) - from, StandardCharsets.UTF_8);
        }
        return newValues[i];
    }

    /** Forgets every parsed value; they are parsed again from the text on the next read. */
    void dropCache() {
        cache = null;
    }

    Object cached(int i) {
        return cache == null || i >= cache.length ? null : cache[i];
    }

    void setCached(int i, Object v) {
        if (cache == null) {
            cache = new Object[count];
        }
        if (i >= cache.length) {
            cache = Arrays.copyOf(cache, capacity());
        }
        cache[i] = v;
    }

    /** Index of the first line at or after {@code from} with this known name, or -1. */
    int indexOf(HeaderName h, int from) {
        int id = h.ordinal() + 1;
        int[] p = pos;
        int s = stride;
        for (int i = from, n = count; i < n; i++) {
            if ((p[i * s + s - 1] & ID_MASK) == id) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first line at or after {@code from} with this name (any form or case), or -1. */
    int indexOf(String name, int from) {
        HeaderName h = HeaderName.lookup(name);
        if (h != null) {
            return indexOf(h, from);
        }
        for (int i = from; i < count; i++) {
            if ((meta(i) & ID_MASK) == 0 && nameText(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    int count(HeaderName h) {
        int n = 0;
        for (int i = indexOf(h, 0); i >= 0; i = indexOf(h, i + 1)) {
            n++;
        }
        return n;
    }

    /** Inserts a synthesized line at index {@code at}. */
    void insert(int at, HeaderName h, String name, String value) {
        checkText(name, value);
        ensure(count + 1);
        allocEdits();
        int tail = count - at;
        System.arraycopy(pos, at * stride, pos, (at + 1) * stride, tail * stride);
        System.arraycopy(newNames, at, newNames, at + 1, tail);
        System.arraycopy(newValues, at, newValues, at + 1, tail);
        if (cache != null) {
            if (cache.length < capacity()) {
                cache = Arrays.copyOf(cache, capacity());
            }
            System.arraycopy(cache, at, cache, at + 1, tail);
            cache[at] = null;
        }
        int o = at * stride;
        Arrays.fill(pos, o, o + stride - 1, -1);
        pos[o + stride - 1] = meta(h, 0, 0);
        newNames[at] = name;
        newValues[at] = value;
        count++;
        edited = true;
    }

    void remove(int i) {
        int tail = count - i - 1;
        System.arraycopy(pos, (i + 1) * stride, pos, i * stride, tail * stride);
        if (newNames != null) {
            System.arraycopy(newNames, i + 1, newNames, i, tail);
            System.arraycopy(newValues, i + 1, newValues, i, tail);
            newNames[count - 1] = null;
            newValues[count - 1] = null;
        }
        if (cache != null) {
            int n = Math.min(tail, cache.length - i - 1);
            if (n > 0) {
                System.arraycopy(cache, i + 1, cache, i, n);
            }
            if (count - 1 < cache.length) {
                cache[count - 1] = null;
            }
        }
        count--;
        edited = true;
    }

    /** Replaces the value of line {@code i}; the line is then written as {@code name: value}. */
    void replace(int i, String value, Object parsed) {
        String name = nameText(i);
        checkText(name, value);
        allocEdits();
        int o = i * stride;
        int m = pos[o + stride - 1] & ID_MASK;
        Arrays.fill(pos, o, o + stride - 1, -1);
        pos[o + stride - 1] = m;
        newNames[i] = name;
        newValues[i] = value;
        setCached(i, parsed);
        edited = true;
    }

    private void allocEdits() {
        if (newNames == null) {
            newNames = new String[capacity()];
            newValues = new String[capacity()];
        }
    }

    /** End of an original line: just past its LF (or the end of the header section when it ran out). */
    int originalLineEnd(int i, int limit) {
        int p = valueEnd(i);
        while (p < limit && src[p] != '\n') {
            p++;
        }
        return Math.min(p + 1, limit);
    }

    /**
     * Rejects names that are not tokens and values with line breaks or (unescaped) controls: edits can't smuggle
     * headers. A control escaped as a quoted-pair (§25.1, e.g. in a display name) is kept, as the parser kept it.
     */
    private static void checkText(String name, String value) {
        if (!Chars.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        boolean escaped = false;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("line break in header value of " + name);
            }
            if (escaped) {
                escaped = false; // §25.1: a quoted-pair may escape any character but CR and LF
            } else if (c == '\\') {
                escaped = true;
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("control character in header value of " + name);
            }
        }
    }
}
