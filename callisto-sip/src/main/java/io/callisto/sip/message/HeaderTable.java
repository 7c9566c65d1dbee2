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
    private static final int STRIDE = 4;

    final byte[] src;
    private int count;
    private int[] pos;
    private HeaderName[] names;
    private Object[] cache;
    /** For synthesized lines: name and value text; null entries for original lines. Allocated on first edit. */
    private String[] newNames;
    private String[] newValues;
    /** Set by any insert, remove or replace: the section can no longer be written as one original range. */
    private boolean edited;

    HeaderTable(byte[] src, int capacity) {
        this.src = src;
        this.pos = new int[capacity * STRIDE];
        this.names = new HeaderName[capacity];
    }

    int size() {
        return count;
    }

    boolean edited() {
        return edited;
    }

    /** Appends an original line (used by the parser). */
    void addOriginal(int lineStart, int nameEnd, int valueStart, int valueEnd, HeaderName name) {
        ensure(count + 1);
        int o = count * STRIDE;
        pos[o] = lineStart;
        pos[o + 1] = nameEnd;
        pos[o + 2] = valueStart;
        pos[o + 3] = valueEnd;
        names[count++] = name;
    }

    private void ensure(int n) {
        if (n > names.length) {
            int cap = Math.max(n, names.length * 2);
            pos = Arrays.copyOf(pos, cap * STRIDE);
            names = Arrays.copyOf(names, cap);
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
        return names[i];
    }

    boolean isOriginal(int i) {
        return pos[i * STRIDE] >= 0;
    }

    int lineStart(int i) {
        return pos[i * STRIDE];
    }

    int valueStart(int i) {
        return pos[i * STRIDE + 2];
    }

    int valueEnd(int i) {
        return pos[i * STRIDE + 3];
    }

    /** The header name as written (original lines) or as given (added lines). */
    String nameText(int i) {
        if (isOriginal(i)) {
            int o = i * STRIDE;
            return new String(src, pos[o], pos[o + 1] - pos[o], StandardCharsets.ISO_8859_1);
        }
        return newNames[i];
    }

    /** The value text: original bytes (folding included) or the text set by an edit. */
    String valueText(int i) {
        if (isOriginal(i)) {
            int o = i * STRIDE;
            return new String(src, pos[o + 2], pos[o + 3] - pos[o + 2], StandardCharsets.UTF_8);
        }
        return newValues[i];
    }

    Object cached(int i) {
        return cache == null ? null : cache[i];
    }

    void setCached(int i, Object v) {
        if (cache == null) {
            cache = new Object[names.length];
        }
        cache[i] = v;
    }

    /** Index of the first line at or after {@code from} with this known name, or -1. */
    int indexOf(HeaderName h, int from) {
        for (int i = from; i < count; i++) {
            if (names[i] == h) {
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
            if (names[i] == null && nameText(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    int count(HeaderName h) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (names[i] == h) {
                n++;
            }
        }
        return n;
    }

    /** Inserts a synthesized line at index {@code at}. */
    void insert(int at, HeaderName h, String name, String value) {
        checkText(name, value);
        ensure(count + 1);
        allocEdits();
        int tail = count - at;
        System.arraycopy(pos, at * STRIDE, pos, (at + 1) * STRIDE, tail * STRIDE);
        System.arraycopy(names, at, names, at + 1, tail);
        System.arraycopy(newNames, at, newNames, at + 1, tail);
        System.arraycopy(newValues, at, newValues, at + 1, tail);
        if (cache != null) {
            System.arraycopy(cache, at, cache, at + 1, tail);
            cache[at] = null;
        }
        Arrays.fill(pos, at * STRIDE, (at + 1) * STRIDE, -1);
        names[at] = h;
        newNames[at] = name;
        newValues[at] = value;
        count++;
        edited = true;
    }

    void remove(int i) {
        int tail = count - i - 1;
        System.arraycopy(pos, (i + 1) * STRIDE, pos, i * STRIDE, tail * STRIDE);
        System.arraycopy(names, i + 1, names, i, tail);
        if (newNames != null) {
            System.arraycopy(newNames, i + 1, newNames, i, tail);
            System.arraycopy(newValues, i + 1, newValues, i, tail);
            newNames[count - 1] = null;
            newValues[count - 1] = null;
        }
        if (cache != null) {
            System.arraycopy(cache, i + 1, cache, i, tail);
            cache[count - 1] = null;
        }
        names[--count] = null;
        edited = true;
    }

    /** Replaces the value of line {@code i}; the line is then written as {@code name: value}. */
    void replace(int i, String value, Object parsed) {
        String name = isOriginal(i) ? nameText(i) : newNames[i];
        checkText(name, value);
        allocEdits();
        Arrays.fill(pos, i * STRIDE, (i + 1) * STRIDE, -1);
        newNames[i] = name;
        newValues[i] = value;
        setCached(i, parsed);
        edited = true;
    }

    private void allocEdits() {
        if (newNames == null) {
            newNames = new String[names.length];
            newValues = new String[names.length];
        }
    }

    /** End of an original line: just past its LF (or the end of the header section when it ran out). */
    int originalLineEnd(int i, int limit) {
        int p = pos[i * STRIDE + 3];
        while (p < limit && src[p] != '\n') {
            p++;
        }
        return Math.min(p + 1, limit);
    }

    /** Rejects names that are not tokens and values with line breaks or controls: edits can't smuggle headers. */
    private static void checkText(String name, String value) {
        if (!Chars.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new IllegalArgumentException("control character in header value of " + name);
            }
        }
    }
}
