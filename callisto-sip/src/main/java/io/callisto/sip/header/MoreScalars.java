package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;

/**
 * Parsers and checks for the plain values of the extension headers, complementing {@link Scalars}: language tags,
 * MIME-Version, RSeq, and the typed parameters (q, delta-seconds) several headers carry.
 */
final class MoreScalars {
    private MoreScalars() {}

    /** The largest RSeq / RAck response-num (RFC 3262 §7.1). */
    static final long MAX_RSEQ = 0xFFFFFFFFL;

    /** MIME-Version = 1*DIGIT "." 1*DIGIT (RFC 3261 §20.24). */
    static String mimeVersion(Cursor c) {
        int from = c.pos;
        c.digits("MIME major version", 9);
        c.expect('.', "'.' in MIME-Version");
        c.digits("MIME minor version", 9);
        return c.ascii(from, c.pos);
    }

    /** RSeq = response-num, 1 to 2^32-1 (RFC 3262 §7.1). */
    static Long rseq(Cursor c) {
        return responseNum(c, "RSeq");
    }

    static long responseNum(Cursor c, String what) {
        int at = c.pos;
        if (c.peek() == '-') {
            throw c.error("negative " + what);
        }
        long v = c.digits(what, 20);
        if (c.pos - at > 10 || v < 1 || v > MAX_RSEQ) {
            throw c.error(what + " out of range (1 to 2^32-1)", at);
        }
        return v;
    }

    /** language-tag = primary-tag *( "-" subtag ), each 1*8ALPHA (RFC 3261 §20.13, Content-Language). */
    static String languageTag(Cursor c) {
        int from = c.pos;
        alphaRun(c, "language tag", false);
        while (c.peek() == '-') {
            c.pos++;
            alphaRun(c, "language subtag", false);
        }
        return c.ascii(from, c.pos);
    }

    /**
     * language-range = ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*" (RFC 3261 §20.3). Subtags may also hold digits, as
     * RFC 4647 §2.1 allows (e.g. "es-419").
     */
    static String languageRange(Cursor c) {
        if (c.peek() == '*') {
            c.pos++;
            return "*";
        }
        int from = c.pos;
        alphaRun(c, "language range", false);
        while (c.peek() == '-') {
            c.pos++;
            alphaRun(c, "language subtag", true);
        }
        return c.ascii(from, c.pos);
    }

    private static void alphaRun(Cursor c, String what, boolean digits) {
        int from = c.pos;
        int flags = digits ? Chars.ALPHA | Chars.DIGIT : Chars.ALPHA;
        while (c.pos < c.end && Chars.is(c.b[c.pos], flags)) {
            c.pos++;
        }
        if (c.pos == from) {
            throw c.error(what + " expected");
        }
        if (c.pos - from > 8) {
            throw c.error(what + " longer than 8 characters", from);
        }
    }

    /**
     * qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ) (RFC 3261 §20.1). Returns the value in
     * thousandths (0-1000) or -1 when {@code v} is not a qvalue.
     */
    static int qvalue(String v) {
        if (v == null || v.isEmpty() || v.length() > 5 || (v.charAt(0) != '0' && v.charAt(0) != '1')) {
            return -1;
        }
        int n = (v.charAt(0) - '0') * 1000;
        if (v.length() == 1) {
            return n;
        }
        if (v.charAt(1) != '.') {
            return -1;
        }
        int scale = 100;
        for (int i = 2; i < v.length(); i++, scale /= 10) {
            char d = v.charAt(i);
            if (d < '0' || d > '9') {
                return -1;
            }
            n += (d - '0') * scale;
        }
        return n > 1000 ? -1 : n;
    }

    /** Checks that a q parameter, if present, is a qvalue; returns it in thousandths, or 1000 when absent. */
    static int checkQ(Cursor c, Parameters p, int at) {
        if (!p.has("q")) {
            return 1000;
        }
        int q = qvalue(p.get("q"));
        if (q < 0) {
            throw c.error("invalid q value (must be 0 to 1 with at most 3 decimals)", at);
        }
        return q;
    }

    /** delta-seconds as a string (1*DIGIT, at most 2^32-1), or -1 when {@code v} is not one. */
    static long deltaSeconds(String v) {
        if (v == null || v.isEmpty() || v.length() > 10) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char d = v.charAt(i);
            if (d < '0' || d > '9') {
                return -1;
            }
            n = n * 10 + (d - '0');
        }
        return n > 0xFFFFFFFFL ? -1 : n;
    }

    /**
     * Checks that parameter {@code name}, if present, has a delta-seconds value; returns it, or -1 when absent.
     * {@code at} is the offset reported on failure (the start of the parameters).
     */
    static long checkDeltaParam(Cursor c, Parameters p, String name, int at) {
        if (!p.has(name)) {
            return -1;
        }
        long v = deltaSeconds(p.get(name));
        if (v < 0) {
            throw c.error(name + " parameter must be delta-seconds (0 to 2^32-1)", at);
        }
        return v;
    }

    /** The thousandths of a qvalue as written by {@link #qvalue(String)}, as a double. */
    static double q(int thousandths) {
        return thousandths / 1000.0;
    }

    /**
     * Writes {@code s} as a quoted-string, escaping DQUOTE, backslash and control characters other than HTAB
     * with quoted-pairs (§25.1).
     *
     * @throws IllegalArgumentException when {@code s} holds CR or LF, which no quoted-string can carry
     */
    static String quote(String s) {
        return Parameters.quote(s);
    }
}
