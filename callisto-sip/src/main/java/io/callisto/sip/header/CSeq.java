package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import io.callisto.sip.internal.Interned;
import java.util.Objects;

/** The CSeq header value: a sequence number below 2^31 and a method (RFC 3261 §20.16, §8.1.1.5). Immutable. */
public final class CSeq {
    /** The largest sequence number §8.1.1.5 allows. */
    public static final long MAX = 0x7fffffffL;

    private final long number;
    private final String method;

    public CSeq(long number, String method) {
        if (number < 0 || number > MAX) {
            throw new IllegalArgumentException("CSeq number out of range: " + number);
        }
        this.number = number;
        this.method = Objects.requireNonNull(method);
    }

    public long number() {
        return number;
    }

    public String method() {
        return method;
    }

    static CSeq parse(Cursor c) {
        int at = c.pos;
        long n = c.digits("CSeq number", 11);
        if (n > MAX) {
            throw c.error("CSeq number out of range (must be below 2^31)", at);
        }
        if (!c.skipLws()) {
            throw c.error("space expected between CSeq number and method");
        }
        int from = c.pos;
        int to = c.tokenEnd();
        if (to == from) {
            throw c.error("CSeq method expected");
        }
        c.pos = to;
        return new CSeq(n, Interned.method(c, from, to));
    }

    @Override
    public String toString() {
        return number + " " + method;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CSeq s && s.number == number && s.method.equals(method);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(number) * 31 + method.hashCode();
    }
}
