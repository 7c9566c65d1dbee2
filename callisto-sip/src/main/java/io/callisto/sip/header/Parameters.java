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
    public static final Parameters EMPTY = new Parameters(new String[0]);

    /** name0, value0, name1, value1, ... */
    private final String[] pairs;

    private Parameters(String[] pairs) {
        this.pairs = pairs;
    }

    /** Builds from alternating names and values (values may be null). Used by parsers; no validation. */
    public static Parameters ofPairs(String... pairs) {
        if (pairs.length == 0) {
            return EMPTY;
        }
        if ((pairs.length & 1) != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        return new Parameters(pairs.clone());
    }

    /** Wraps an array the caller hands over (it must not be changed afterwards). */
    public static Parameters wrap(String[] pairs, int count) {
        if (count == 0) {
            return EMPTY;
        }
        return new Parameters(pairs.length == count * 2 ? pairs : Arrays.copyOf(pairs, count * 2));
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    private int indexOf(String name) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The value as written, or null when absent or written without a value. */
    public String get(String name) {
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

    /** Quotes a string as a quoted-string, escaping DQUOTE and backslash. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
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
            copy = pairs.clone();
            copy[i + 1] = value;
        } else {
            copy = Arrays.copyOf(pairs, pairs.length + 2);
            copy[pairs.length] = name;
            copy[pairs.length + 1] = value;
        }
        return new Parameters(copy);
    }

    /** A copy without any parameter called {@code name}. */
    public Parameters without(String name) {
        if (indexOf(name) < 0) {
            return this;
        }
        String[] copy = new String[pairs.length];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                copy[n++] = pairs[i];
                copy[n++] = pairs[i + 1];
            }
        }
        return n == 0 ? EMPTY : new Parameters(Arrays.copyOf(copy, n));
    }

    /** Appends {@code ;name=value} for each parameter, as written. */
    public StringBuilder appendTo(StringBuilder sb) {
        return appendTo(sb, ';');
    }

    /** Appends each parameter preceded by {@code separator} (';' for parameters, '&amp;' after the first URI header). */
    public StringBuilder appendTo(StringBuilder sb, char separator) {
        for (int i = 0; i < pairs.length; i += 2) {
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
        return o instanceof Parameters p && Arrays.equals(pairs, p.pairs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs);
    }
}
