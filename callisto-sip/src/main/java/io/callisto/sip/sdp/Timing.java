package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A time description: a {@code t=<start-time> <stop-time>} line (RFC 8866 §5.9) with the {@code r=} repeat
 * lines (§5.10) and the optional {@code z=} time zone adjustment line (§5.11) that follow it.
 *
 * <p>Times are seconds since 1900-01-01 UTC (NTP time); 0 means unbounded (stop) or permanent (start and stop).
 * Durations written with a unit ("7d", "1h", "25m") are given here in seconds.
 *
 * @param start           the start time, or 0
 * @param stop            the stop time, or 0
 * @param repeats         the repeat times, possibly empty
 * @param zoneAdjustments the time zone adjustments, possibly empty
 */
public record Timing(long start, long stop, List<Repeat> repeats, List<ZoneAdjustment> zoneAdjustments) {

    /** "t=0 0": a permanent session, the usual value in SIP offers and answers (RFC 3264 §5). */
    public static final Timing PERMANENT = new Timing(0, 0, List.of(), List.of());

    /**
     * Copies the lists and checks that times are not negative.
     *
     * @throws IllegalArgumentException when a time is negative
     */
    public Timing {
        Fields.require(start >= 0 && stop >= 0, "times must not be negative");
        repeats = List.copyOf(repeats);
        zoneAdjustments = List.copyOf(zoneAdjustments);
    }

    /** A time description without repeats. */
    public static Timing of(long start, long stop) {
        return new Timing(start, stop, List.of(), List.of());
    }

    /**
     * Parses the value of a t= line (the text after "t=").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the grammar
     */
    public static Timing parse(String value) {
        return parse(Cursor.of(value));
    }

    static Timing parse(Cursor c) {
        String ctx = "bad t= line";
        int[] f = Fields.split(c);
        if (f.length != 4) {
            throw Fields.error(ctx, "expected 2 fields, found " + f.length / 2, f.length > 4 ? f[4] : c.end);
        }
        long start = Fields.number(c, f[0], f[1], ctx, "start time", 18);
        long stop = Fields.number(c, f[2], f[3], ctx, "stop time", 18);
        return of(start, stop);
    }

    Timing withRepeat(Repeat r) {
        List<Repeat> list = new ArrayList<>(repeats);
        list.add(r);
        return new Timing(start, stop, list, zoneAdjustments);
    }

    Timing withZoneAdjustments(List<ZoneAdjustment> z) {
        return new Timing(start, stop, repeats, z);
    }

    /** The t= value in canonical form, as written after "t=". */
    @Override
    public String toString() {
        return start + " " + stop;
    }

    /** The z= value in canonical form, or null when there are no adjustments. */
    String zoneValue() {
        if (zoneAdjustments.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (ZoneAdjustment z : zoneAdjustments) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(z.time()).append(' ').append(z.offset());
        }
        return sb.toString();
    }

    /**
     * A repeat time, {@code r=<repeat interval> <active duration> <offsets from start-time>} (RFC 8866 §5.10),
     * all in seconds.
     *
     * @param interval the repeat interval, positive
     * @param duration the active duration
     * @param offsets  the offsets from the start time, at least one
     */
    public record Repeat(long interval, long duration, List<Long> offsets) {
        /**
         * Copies the offsets and checks the values.
         *
         * @throws IllegalArgumentException when the interval is not positive, a value is negative or there is no
         *                                  offset
         */
        public Repeat {
            Fields.require(interval > 0 && duration >= 0, "interval must be positive, duration not negative");
            offsets = List.copyOf(offsets);
            Fields.require(!offsets.isEmpty(), "at least one offset is required");
            for (Long o : offsets) {
                Fields.require(Objects.requireNonNull(o) >= 0, "offsets must not be negative");
            }
        }

        static Repeat parse(Cursor c) {
            String ctx = "bad r= line";
            int[] f = Fields.split(c);
            if (f.length < 6) {
                throw Fields.error(ctx, "expected at least 3 fields, found " + f.length / 2, c.end);
            }
            long interval = Fields.typedTime(c, f[0], f[1], ctx, "repeat interval", false);
            if (interval == 0) {
                throw Fields.error(ctx, "repeat interval must not be zero", f[0]);
            }
            long duration = Fields.typedTime(c, f[2], f[3], ctx, "active duration", false);
            List<Long> offsets = new ArrayList<>(f.length / 2 - 2);
            for (int i = 4; i < f.length; i += 2) {
                offsets.add(Fields.typedTime(c, f[i], f[i + 1], ctx, "offset", false));
            }
            return new Repeat(interval, duration, offsets);
        }

        /** The value in canonical form (seconds), as written after "r=". */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder().append(interval).append(' ').append(duration);
            for (Long o : offsets) {
                sb.append(' ').append(o);
            }
            return sb.toString();
        }
    }

    /**
     * One adjustment of a z= line (RFC 8866 §5.11): from {@code time} on, repeat times are shifted by
     * {@code offset} seconds.
     *
     * @param time   the adjustment time (seconds since 1900)
     * @param offset the offset in seconds, possibly negative
     */
    public record ZoneAdjustment(long time, long offset) {
        /**
         * Checks the time.
         *
         * @throws IllegalArgumentException when the time is negative
         */
        public ZoneAdjustment {
            Fields.require(time >= 0, "adjustment time must not be negative");
        }

        static List<ZoneAdjustment> parseLine(Cursor c) {
            String ctx = "bad z= line";
            int[] f = Fields.split(c);
            if (f.length == 0 || f.length % 4 != 0) {
                throw Fields.error(ctx, "expected pairs of adjustment time and offset", c.end);
            }
            List<ZoneAdjustment> list = new ArrayList<>(f.length / 4);
            for (int i = 0; i < f.length; i += 4) {
                long time = Fields.number(c, f[i], f[i + 1], ctx, "adjustment time", 18);
                long offset = Fields.typedTime(c, f[i + 2], f[i + 3], ctx, "offset", true);
                list.add(new ZoneAdjustment(time, offset));
            }
            return List.copyOf(list);
        }
    }
}
