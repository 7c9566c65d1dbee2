package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The Min-SE header value (RFC 4028 §5): {@code delta-seconds *(SEMI generic-param)}, the smallest session
 * interval an element accepts, e.g. {@code 3600}. RFC 4028 fixes the floor at 90 seconds ({@link #FLOOR}); values
 * below it still parse, applying the floor is the session timer's business. Immutable.
 */
public final class MinSE {
    /** The least value a Min-SE may carry, and its default when absent (RFC 4028 §5). */
    public static final long FLOOR = 90;

    private final long seconds;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when seconds is out of range (0 to 2^32-1)
     */
    public MinSE(long seconds, Parameters parameters) {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Min-SE out of range: " + seconds);
        }
        this.seconds = seconds;
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
    }

    public static MinSE of(long seconds) {
        return new MinSE(seconds, Parameters.EMPTY);
    }

    public long seconds() {
        return seconds;
    }

    public Parameters parameters() {
        return parameters;
    }

    static MinSE parse(Cursor c) {
        long seconds = Scalars.deltaSeconds(c);
        return new MinSE(seconds, ParamParser.parse(c));
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(16).append(seconds)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinSE m && m.seconds == seconds && m.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, parameters);
    }
}
