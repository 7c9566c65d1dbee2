package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The Date header value (RFC 3261 §20.17, §25.1): an rfc1123-date, which is always in GMT,
 * {@code wkday "," SP date1 SP time SP "GMT"}, e.g. {@code Sat, 13 Nov 2010 23:29:00 GMT}. A date in any other zone
 * is malformed (RFC 4475 §3.1.2.12 baddate). Holds the instant and the text as written; equality is by instant.
 * The weekday is checked to be a weekday name, not that it matches the date. Immutable.
 */
public final class SipDate {
    private static final String[] WKDAY = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTH = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    };

    private final Instant instant;
    private final String text;

    private SipDate(Instant instant, String text) {
        this.instant = instant;
        this.text = text;
    }

    /**
     * The date for {@code instant}, truncated to whole seconds.
     *
     * @throws IllegalArgumentException when the year is outside 0000-9999
     */
    public static SipDate of(Instant instant) {
        SipDate cached = last;
        if (cached != null && cached.instant.getEpochSecond() == instant.getEpochSecond()) {
            return cached; // a registrar dates every 200 it sends: most of them share their second with the last one
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            throw new IllegalArgumentException("year out of range for an rfc1123-date: " + t.getYear());
        }
        // written by hand: a registrar puts a Date in every 200, and String.format costs more than the rest of it
        StringBuilder b = new StringBuilder(29).append(WKDAY[t.getDayOfWeek().getValue() - 1]).append(", ");
        two(b, t.getDayOfMonth()).append(' ').append(MONTH[t.getMonthValue() - 1]).append(' ');
        int y = t.getYear();
        b.append((char) ('0' + y / 1000)).append((char) ('0' + y / 100 % 10));
        two(b, y % 100).append(' ');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        two(b, t.getSecond()).append(" GMT");
        SipDate d = new SipDate(t.toInstant(ZoneOffset.UTC), b.toString());
        last = d;
        return d;
    }

    /** The date {@link #of} made last (immutable, so any thread may share it). */
    private static volatile SipDate last;

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /** The current time. */
    public static SipDate now() {
        return of(Instant.now());
    }

    public Instant instant() {
        return instant;
    }

    /** The date as written. */
    public String text() {
        return text;
    }

    static SipDate parse(Cursor c) {
        int from = c.pos;
        name(c, WKDAY, "weekday");
        c.expect(',', "',' after weekday");
        space(c);
        int dayAt = c.pos;
        int day = twoDigits(c, "day");
        space(c);
        int month = name(c, MONTH, "month") + 1;
        space(c);
        int yearAt = c.pos;
        int year = 0;
        for (int i = 0; i < 4; i++) {
            if (!Chars.isDigit(c.peek())) {
                throw c.error("4-digit year expected", yearAt);
            }
            year = year * 10 + c.peek() - '0';
            c.pos++;
        }
        space(c);
        int timeAt = c.pos;
        int hour = twoDigits(c, "hour");
        c.expect(':', "':' in time");
        int minute = twoDigits(c, "minute");
        c.expect(':', "':' in time");
        int second = twoDigits(c, "second");
        if (hour > 23 || minute > 59 || second > 59) {
            throw c.error("time out of range (00:00:00 to 23:59:59)", timeAt);
        }
        if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw c.error("day out of range for the month", dayAt);
        }
        space(c);
        int zoneAt = c.pos;
        int zoneEnd = c.tokenEnd();
        if (zoneEnd == zoneAt) {
            throw c.error("time zone expected");
        }
        if (!c.regionEqualsIgnoreCase(zoneAt, zoneEnd, "GMT")) {
            throw c.error("time zone must be GMT", zoneAt);
        }
        c.pos = zoneEnd;
        Instant instant = LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        return new SipDate(instant, c.ascii(from, c.pos));
    }

    /** One of {@code names} (3 letters, any case); returns its index. */
    private static int name(Cursor c, String[] names, String what) {
        if (c.pos + 3 <= c.end) {
            for (int i = 0; i < names.length; i++) {
                if (c.regionEqualsIgnoreCase(c.pos, c.pos + 3, names[i])) {
                    c.pos += 3;
                    return i;
                }
            }
        }
        throw c.error(what + " expected");
    }

    private static int twoDigits(Cursor c, String what) {
        if (!Chars.isDigit(c.peek()) || !Chars.isDigit(c.peek(1))) {
            throw c.error("2-digit " + what + " expected");
        }
        int v = (c.peek() - '0') * 10 + c.peek(1) - '0';
        c.pos += 2;
        return v;
    }

    private static void space(Cursor c) {
        c.expect(' ', "space");
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipDate d && d.instant.equals(instant);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(instant);
    }
}
