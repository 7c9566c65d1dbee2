package io.callisto.sip.uri;

import io.callisto.sip.header.Parameters;

/**
 * Reads {@code name[=value]} items out of an already validated region of URI text, without copying: the
 * {@code ;uri-parameters} of RFC 3261 §25.1 (each item preceded by ';'), its {@code ?headers} (first item
 * preceded by '?', the others by '&amp;'), and the parameters of a tel URI (RFC 3966 §3).
 *
 * <p>An item starts at its separator; its name ends at the first '=' (neither pname nor hname may contain
 * one) and its value runs to the next separator ('?' may occur inside a header value, so header items are
 * split on '&amp;' only). Names given to look items up are plain text; they match case-insensitively with
 * every escape of the item's name resolved.
 */
final class RawParams {
    private RawParams() {}

    /** End of the item that starts (with its separator) at {@code p}. */
    static int itemEnd(String s, int p, int to, char sep) {
        int q = p + 1;
        while (q < to && s.charAt(q) != sep) {
            q++;
        }
        return q;
    }

    /** End of the name of the item at {@code p} (its '=' or the item end). */
    static int nameEnd(String s, int p, int end) {
        int q = p + 1;
        while (q < end && s.charAt(q) != '=') {
            q++;
        }
        return q;
    }

    /** True when the item at {@code [p, end)} is called {@code name} (plain text, case-insensitive). */
    static boolean nameIs(String s, int p, int end, String name) {
        return Escaping.matchesPlain(s, p + 1, nameEnd(s, p, end), name, true);
    }

    /** Start of the first item called {@code name} in {@code [from, to)}, or -1. */
    static int find(String s, int from, int to, char sep, String name) {
        for (int p = from; p < to; ) {
            int end = itemEnd(s, p, to, sep);
            if (nameIs(s, p, end, name)) {
                return p;
            }
            p = end;
        }
        return -1;
    }

    /** The value as written of the first item called {@code name}; null when absent or without '='. */
    static String value(String s, int from, int to, char sep, String name) {
        int p = find(s, from, to, sep, name);
        if (p < 0) {
            return null;
        }
        int end = itemEnd(s, p, to, sep);
        int eq = nameEnd(s, p, end);
        return eq < end ? s.substring(eq + 1, end) : null;
    }

    /** Number of items in {@code [from, to)}. */
    static int count(String s, int from, int to, char sep) {
        int n = 0;
        for (int p = from; p < to; p = itemEnd(s, p, to, sep)) {
            n++;
        }
        return n;
    }

    /** The items of {@code [from, to)} as {@link Parameters}, names and values as written. */
    static Parameters toParameters(String s, int from, int to, char sep) {
        if (from >= to) {
            return Parameters.EMPTY;
        }
        String[] pairs = new String[2 * count(s, from, to, sep)];
        int i = 0;
        for (int p = from; p < to; ) {
            int end = itemEnd(s, p, to, sep);
            int eq = nameEnd(s, p, end);
            pairs[i++] = s.substring(p + 1, eq);
            pairs[i++] = eq < end ? s.substring(eq + 1, end) : null;
            p = end;
        }
        return Parameters.wrap(pairs, pairs.length / 2);
    }
}
