package io.callisto.sip.sdp;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The values of {@code a=ptime} and {@code a=maxptime} (RFC 8866 §6.4, §6.5): a packet time in milliseconds,
 * {@code non-zero-int-or-real}, such as "20" or "22.5".
 */
final class PacketTime {
    private PacketTime() {}

    /**
     * Parses a packet time; {@code ctx} names the attribute in errors ("bad ptime").
     * Leading zeros are tolerated; the value must be positive.
     */
    static double parse(Cursor c, String ctx) {
        int s = c.pos;
        int e = c.end;
        while (e > s && Fields.isWs(c.b[e - 1])) {
            e--;
        }
        if (s == e) {
            throw Fields.error(ctx, "packet time expected", s);
        }
        int dot = -1;
        for (int i = s; i < e; i++) {
            int ch = c.b[i];
            if (ch == '.' && dot < 0 && i > s) {
                dot = i;
            } else if (!Chars.isDigit(ch)) {
                throw Fields.error(ctx, "packet time not a number", i);
            }
        }
        if (dot == e - 1) {
            throw Fields.error(ctx, "digit expected after '.'", e);
        }
        if (e - s > 12) {
            throw Fields.error(ctx, "packet time too long", s);
        }
        double v = Double.parseDouble(c.ascii(s, e));
        if (v <= 0) {
            throw Fields.error(ctx, "packet time must not be zero", s);
        }
        return v;
    }

    /** The value of the attribute, if present, a value attribute, and well-formed. */
    static OptionalDouble of(Optional<Attribute> a) {
        if (a.isEmpty() || a.get().value() == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(parse(Cursor.of(a.get().value()), "bad " + a.get().name()));
        } catch (ParseError e) {
            return OptionalDouble.empty();
        }
    }
}
