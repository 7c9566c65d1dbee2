package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.internal.Interned;
import java.util.Objects;

/**
 * The RAck header value of a PRACK (RFC 3262 §7.2): {@code response-num LWS CSeq-num LWS Method}, naming the
 * reliable provisional response being acknowledged by its RSeq and the CSeq of the request it answered, e.g.
 * {@code 776656 1 INVITE}. Immutable.
 */
public final class RAck {
    private final long rseq;
    private final long cseqNumber;
    private final String method;

    /**
     * @param rseq       the RSeq of the acknowledged response, 1 to 2^32-1 (§7.1)
     * @param cseqNumber the CSeq number of the request it answered, 0 to 2^31-1
     * @param method     that request's method
     * @throws IllegalArgumentException when a number is out of range or the method is not a token
     */
    public RAck(long rseq, long cseqNumber, String method) {
        if (rseq < 1 || rseq > MoreScalars.MAX_RSEQ) {
            throw new IllegalArgumentException("RSeq out of range: " + rseq);
        }
        if (cseqNumber < 0 || cseqNumber > CSeq.MAX) {
            throw new IllegalArgumentException("CSeq number out of range: " + cseqNumber);
        }
        if (!Chars.isToken(Objects.requireNonNull(method, "method"))) {
            throw new IllegalArgumentException("method must be a token: " + method);
        }
        this.rseq = rseq;
        this.cseqNumber = cseqNumber;
        this.method = method;
    }

    /** The RAck acknowledging a response with RSeq {@code rseq} to the request with {@code cseq}. */
    public static RAck of(long rseq, CSeq cseq) {
        return new RAck(rseq, cseq.number(), cseq.method());
    }

    /** The response-num: the RSeq of the acknowledged response. */
    public long rseq() {
        return rseq;
    }

    public long cseqNumber() {
        return cseqNumber;
    }

    public String method() {
        return method;
    }

    /** The CSeq this RAck names (number and method). */
    public CSeq cseq() {
        return new CSeq(cseqNumber, method);
    }

    static RAck parse(Cursor c) {
        long rseq = MoreScalars.responseNum(c, "RAck response-num");
        if (!c.skipLws()) {
            throw c.error("space expected after RAck response-num");
        }
        int at = c.pos;
        long n = c.digits("RAck CSeq number", 11);
        if (n > CSeq.MAX) {
            throw c.error("RAck CSeq number out of range (must be below 2^31)", at);
        }
        if (!c.skipLws()) {
            throw c.error("space expected after RAck CSeq number");
        }
        int from = c.pos;
        int to = c.tokenEnd();
        if (to == from) {
            throw c.error("RAck method expected");
        }
        c.pos = to;
        return new RAck(rseq, n, Interned.method(c, from, to));
    }

    @Override
    public String toString() {
        return rseq + " " + cseqNumber + " " + method;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RAck r && r.rseq == rseq && r.cseqNumber == cseqNumber && r.method.equals(method);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rseq, cseqNumber, method);
    }
}
