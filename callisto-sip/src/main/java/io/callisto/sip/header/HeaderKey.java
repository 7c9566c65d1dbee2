package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A typed handle on a header: its {@link HeaderName}, the Java type of one value, and how to read and write a
 * value. The constants live in {@link Headers}; pass them to {@code SipMessage.first(...)} and friends.
 *
 * @param <T> the type of one header value
 */
public final class HeaderKey<T> {
    /** Reads one value at the cursor and stops right after it (before a separating comma, if any). */
    @FunctionalInterface
    interface ValueParser<T> {
        T parse(Cursor c);
    }

    private final HeaderName name;
    private final ValueParser<T> parser;
    private final Function<T, String> writer;
    private final boolean emptyAllowed;

    HeaderKey(HeaderName name, ValueParser<T> parser, Function<T, String> writer, boolean emptyAllowed) {
        this.name = Objects.requireNonNull(name);
        this.parser = parser;
        this.writer = writer;
        this.emptyAllowed = emptyAllowed;
    }

    HeaderKey(HeaderName name, ValueParser<T> parser) {
        this(name, parser, String::valueOf, false);
    }

    public HeaderName name() {
        return name;
    }

    /** The wire form of one value. */
    public String format(T value) {
        return writer.apply(value);
    }

    /**
     * Parses the values of one header line, {@code b[from, to)} being the value with surrounding white space
     * removed. A LIST header yields each comma-separated value; other headers yield exactly one.
     * Errors are attributed to this header.
     */
    public List<T> parseLine(byte[] b, int from, int to) {
        return asList(parseCompact(new Cursor(b, from, to)));
    }

    /** A result of {@link #parseCompact(Cursor)} as a list. */
    @SuppressWarnings("unchecked")
    public List<T> asList(Object compact) {
        return compact instanceof List<?> list ? (List<T>) list : List.of((T) compact);
    }

    /**
     * As {@link #parseLine(byte[], int, int)} over the cursor's range, but a line holding exactly one value yields
     * that value itself (no list around it): the common case costs no extra allocation. Several values, or none,
     * yield a {@code List<T>}.
     */
    public Object parseCompact(Cursor c) {
        try {
            if (name.arity() != HeaderName.Arity.LIST) {
                if (c.atEnd() && !emptyAllowed) {
                    throw c.error("empty header value");
                }
                T v = parser.parse(c);
                c.skipLws();
                if (!c.atEnd()) {
                    throw c.error(c.peek() == ',' ? "more than one value in a single-value header"
                            : "unexpected characters after value");
                }
                return v;
            }
            if (c.atEnd()) {
                if (emptyAllowed) {
                    return List.of();
                }
                throw c.error("empty header value");
            }
            T first = parser.parse(c);
            c.skipLws();
            if (c.atEnd()) {
                return first;
            }
            List<T> values = new ArrayList<>(4);
            values.add(first);
            while (!c.atEnd()) {
                if (!c.accept(',')) {
                    throw c.error("unexpected characters after value");
                }
                c.skipLws();
                if (c.atEnd() || c.peek() == ',') {
                    throw c.error("empty element in comma-separated list");
                }
                values.add(parser.parse(c));
                c.skipLws();
            }
            return values;
        } catch (ParseError e) {
            throw e.inHeader(name.canonical());
        }
    }

    /** Parses a value from a string (as it would appear after the colon). */
    public List<T> parse(String value) {
        byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int from = 0;
        int to = b.length;
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return parseLine(b, from, to);
    }

    /**
     * For a LIST header line: the position where the first value ends and the rest begins (after the comma and
     * any white space), or -1 if the line holds one value. Used to pop one value while keeping the others'
     * bytes as written.
     */
    public int restAfterFirst(byte[] b, int from, int to) {
        Cursor c = new Cursor(b, from, to);
        try {
            parser.parse(c);
            c.skipLws();
            if (c.atEnd() || !c.accept(',')) {
                return -1;
            }
            c.skipLws();
            return c.pos;
        } catch (ParseError e) {
            throw e.inHeader(name.canonical());
        }
    }

    @Override
    public String toString() {
        return name.canonical();
    }
}
