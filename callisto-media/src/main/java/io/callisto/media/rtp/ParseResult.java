package io.callisto.media.rtp;

import java.util.Objects;

/**
 * The outcome of parsing bytes from the network: a value or the reason it was refused. Parsers in this module are
 * total (DESIGN principle 1): any byte array gives one or the other, never an exception.
 *
 * @param <T> the parsed type
 */
public final class ParseResult<T> {

    private final T value;
    private final String error;

    private ParseResult(T value, String error) {
        this.value = value;
        this.error = error;
    }

    /** A successful result. */
    public static <T> ParseResult<T> ok(T value) {
        return new ParseResult<>(Objects.requireNonNull(value), null);
    }

    /** A refusal with a human-readable reason. */
    public static <T> ParseResult<T> error(String reason) {
        return new ParseResult<>(null, Objects.requireNonNull(reason));
    }

    public boolean isOk() {
        return value != null;
    }

    /** The value; throws {@link IllegalStateException} when this is an error. */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("not parsed: " + error);
        }
        return value;
    }

    /** The reason of a refusal, or null when parsed. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return isOk() ? "ok(" + value + ")" : "error(" + error + ")";
    }
}
