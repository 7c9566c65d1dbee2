package io.callisto.sip.header;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, ordered list of {@code ;name[=value]} parameters, as found on URIs and header values.
 *
 * <p>Names keep the case they were written in and are looked up case-insensitively. Values are kept exactly as
 * written (a quoted-string keeps its quotes, an escaped URI parameter keeps its escapes) so that a value written
 * back is byte-identical; {@link #unquoted(String)} gives the content of a quoted value. A parameter without
 * "=" has a {@code null} value ({@link #has(String)} is true, {@link #get(String)} returns null).
 */
public final class Parameters {
    public static final Parameters EMPTY = new Parameters(new String[0], 0);

    /**
     * name0, value0, name1, value1, ... in the first {@code len} slots (the array may be longer). For parameters
     * parsed from a message this is built on first need from {@code src}; until then {@link #get} and
     * {@link #has} scan the bytes (the common lookups, branch or tag, then cost no more than their value).
     */
    private volatile String[] pairs;
    private final int len;
    private final byte[] src;
    private final int srcFrom;
    private final int srcTo;

    private Parameters(String[] pairs, int len) {
        this.pairs = pairs;
        this.len = len;
        this.src = null;
        this.srcFrom = 0;
        this.srcTo = 0;
    }

    private Parameters(byte[] src, int from, int to, int count) {
        this.len = count * 2;
        this.src = src;
        this.srcFrom = from;
        this.srcTo = to;
    }

    /**
     * Parameters over {@code src[from, to)}, which the caller has checked holds exactly {@code count} well-formed
     * {@code ;name[=value]} parameters. Nothing is decoded until asked for.
     */
    static Parameters lazy(byte[] src, int from, int to, int count) {
        return count == 0 ? EMPTY : new Parameters(src, from, to, count);
    }

    private String[] pairs() {
        String[] p = pairs;
        if (p == null) {
            p = new String[len];
            Scan s = new Scan(src, srcFrom, srcTo);
            for (int i = 0; i < len && s.next(); i += 2) {
                p[i] = ParamNames.intern(src, s.nameFrom, s.nameTo);
                p[i + 1] = s.value();
            }
            pairs = p;
        }
        return p;
    }

    /** Walks well-formed parameter bytes without allocating: {@code ;name[=value]}, LWS allowed around. */
    private static final class Scan {
        final byte[] b;
        int p;
        final int end;
        int nameFrom;
        int nameTo;
        int valueFrom;
        int valueTo;

        Scan(byte[] b, int from, int to) {
            this.b = b;
            this.p = from;
            this.end = to;
        }

        boolean next() {
            skipLws();
            if (p >= end || b[p] != ';') {
                return false;
            }
            p++;
            skipLws();
            nameFrom = p;
            while (p < end && io.callisto.sip.internal.Chars.isToken(b[p])) {
                p++;
            }
            nameTo = p;
            int save = p;
            skipLws();
            if (p < end && b[p] == '=') {
                p++;
                skipLws();
                valueFrom = p;
                if (p < end && b[p] == '"') {
                    p = io.callisto.sip.internal.Cursor.skipQuoted(b, p, end);
                } else {
                    while (p < end && (io.callisto.sip.internal.Chars.isToken(b[p]) || b[p] == ':' || b[p] == '['
                            || b[p] == ']')) {
                        p++;
                    }
                }
                valueTo = p;
            } else {
                p = save;
                valueFrom = -1;
            }
            return true;
        }

        String value() {
            return valueFrom < 0 ? null : new String(b, valueFrom, valueTo - valueFrom,
                    java.nio.charset.StandardCharsets.UTF_8);
        }

        boolean nameIs(String name) {
            if (nameTo - nameFrom != name.length()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (io.callisto.sip.internal.Chars.lower(b[nameFrom + i])
                        != io.callisto.sip.internal.Chars.lower(name.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void skipLws() {
            while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r' || b[p] == '\n')) {
                p++;
            }
        }
    }

    /** Builds from alternating names and values (values may be null). Used by parsers; no validation. */
    public static Parameters ofPairs(String... pairs) {
        if (pairs.length == 0) {
            return EMPTY;
        }
        if ((pairs.length & 1) != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        return new Parameters(pairs.clone(), pairs.length);
    }

    /** Wraps the first {@code count} pairs of an array the caller hands over (it must not be changed afterwards). */
    public static Parameters wrap(String[] pairs, int count) {
        if (count == 0) {
            return EMPTY;
        }
        return new Parameters(pairs, count * 2);
    }

    public int size() {
        return len / 2;
    }

    public boolean isEmpty() {
        return len == 0;
    }

    public String name(int i) {
        return pairs()[2 * i];
    }

    public String value(int i) {
        return pairs()[2 * i + 1];
    }

    private int indexOf(String name) {
        String[] p = pairs();
        for (int i = 0; i < len; i += 2) {
            if (p[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String name) {
        if (pairs == null) {
            Scan s = new Scan(src, srcFrom, srcTo);
            while (s.next()) {
                if (s.nameIs(name)) {
                    return true;
                }
            }
            return false;
        }
        return indexOf(name) >= 0;
    }

    /** The value as written, or null when absent or written without a value. */
    public String get(String name) {
        if (pairs == null) {
            Scan s = new Scan(src, srcFrom, srcTo);
            while (s.next()) {
                if (s.nameIs(name)) {
                    return s.value();
                }
            }
            return null;
        }
        int i = indexOf(name);
        return i < 0 ? null : pairs[i + 1];
    }

    /** The value with surrounding quotes removed and quoted-pairs resolved (or as written if not quoted). */
    public String unquoted(String name) {
        return unquote(get(name));
    }

    /** Removes the quotes of a quoted-string and resolves its quoted-pairs; other strings pass unchanged. */
    public static String unquote(String v) {
        if (v == null || v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            return v;
        }
        String inner = v.substring(1, v.length() - 1);
        if (inner.indexOf('\\') < 0) {
            return inner;
        }
        StringBuilder sb = new StringBuilder(inner.length());
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                c = inner.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Quotes a string as a quoted-string (§25.1): DQUOTE, backslash and controls escaped; CR or LF refused. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("line break in quoted text");
            }
            if (c == '"' || c == '\\' || c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append('\\'); // §25.1: a quoted-pair; controls too, so the text survives a round trip
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** A copy with {@code name} set to {@code value} (replacing the first occurrence in place, or appended). */
    public Parameters with(String name, String value) {
        Objects.requireNonNull(name, "name");
        int i = indexOf(name);
        String[] copy;
        if (i >= 0) {
            copy = Arrays.copyOf(pairs(), len);
            copy[i + 1] = value;
        } else {
            copy = Arrays.copyOf(pairs(), len + 2);
            copy[len] = name;
            copy[len + 1] = value;
        }
        return new Parameters(copy, copy.length);
    }

    /** A copy without any parameter called {@code name}. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        String[] pairs = pairs();
        String[] copy = new String[len];
        int n = 0;
        for (int i = 0; i < len; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                copy[n++] = pairs[i];
                copy[n++] = pairs[i + 1];
            }
        }
        return n == 0 ? EMPTY : new Parameters(copy, n);
    }

    /** Appends {@code ;name=value} for each parameter, as written. */
    public StringBuilder appendTo(StringBuilder sb) {
        return appendTo(sb, ';');
    }

    /** Appends each parameter preceded by {@code separator} (';' for parameters, '&amp;' after the first URI header). */
    public StringBuilder appendTo(StringBuilder sb, char separator) {
        String[] pairs = pairs();
        for (int i = 0; i < len; i += 2) {
            sb.append(separator).append(pairs[i]);
            if (pairs[i + 1] != null) {
                sb.append('=').append(pairs[i + 1]);
            }
        }
        return sb;
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder()).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && Arrays.equals(pairs(), 0, len, p.pairs(), 0, p.len);
    }

    @Override
    public int hashCode() {
        String[] pairs = pairs();
        int h = 1;
        for (int i = 0; i < len; i++) {
            h = 31 * h + (pairs[i] == null ? 0 : pairs[i].hashCode());
        }
        return h;
    }
}
