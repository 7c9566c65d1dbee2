package io.callisto.sip.sdp;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import io.callisto.sip.parse.ParseError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Parses a session description: splits it into lines (CRLF or bare LF, RFC 8866 §5), enforces the limits,
 * checks the line order of the §9 grammar and parses each known field into its typed view.
 *
 * <p>One pass, constant work per byte: the input is copied once and every line refers into the copy. Lines
 * of an unknown type letter are kept where they are and do not affect the order (§5). Attribute values are
 * not interpreted here (§5.13); see {@link SdpValidator}.
 *
 * <p>Error offsets are indexes into the caller's array. Reasons start with the 1-based line number.
 */
final class SdpParser {
    private static final String KNOWN = "vosiuepcbtrzkam";

    private final byte[] src;
    private final int base;
    private final SdpLimits limits;
    private final List<SdpLine> session = new ArrayList<>();
    private final List<List<SdpLine>> media = new ArrayList<>();
    private List<SdpLine> current = session;
    /** Rank of the last known line in its section (Lines.SESSION_ORDER or Lines.MEDIA_ORDER), -1 for none. */
    private int rank = -1;
    private boolean inMedia;
    private int lineNo;

    private SdpParser(byte[] src, int base, SdpLimits limits) {
        this.src = src;
        this.base = base;
        this.limits = limits;
    }

    static SessionDescription parse(byte[] b, int from, int to, SdpLimits limits) {
        Objects.checkFromToIndex(from, to, b.length);
        Objects.requireNonNull(limits, "limits");
        if (to - from > limits.maxBytes()) {
            throw new ParseError("session description too large (limit " + limits.maxBytes() + " bytes)",
                    from + limits.maxBytes());
        }
        return new SdpParser(Arrays.copyOfRange(b, from, to), from, limits).run();
    }

    private ParseError error(String reason, int at) {
        return new ParseError("line " + lineNo + ": " + reason, base + at);
    }

    private SessionDescription run() {
        int n = src.length;
        int p = 0;
        byte[] trailer = new byte[0];
        while (p < n) {
            int start = p;
            lineNo++;
            if (lineNo > limits.maxLines()) {
                throw new ParseError("too many lines (limit " + limits.maxLines() + ")", base + start);
            }
            int q = start;
            int max = limits.maxLineLength();
            while (q < n && src[q] != '\n' && src[q] != '\r' && src[q] != 0) {
                if (q - start == max) {
                    throw error("line too long (limit " + max + " bytes)", q);
                }
                q++;
            }
            int end;
            if (q == n) {
                end = n;
            } else if (src[q] == 0) {
                throw error("NUL byte not allowed", q);
            } else if (src[q] == '\n') {
                end = q + 1;
            } else if (q + 1 < n && src[q + 1] == '\n') {
                end = q + 2;
            } else {
                throw error("CR not followed by LF", q);
            }
            if (q == start) {
                if (!onlyLineEnds(start)) {
                    throw error("empty line", start);
                }
                trailer = Arrays.copyOfRange(src, start, n);
                break;
            }
            line(start, q, end);
            p = end;
        }
        if (lineNo == 0 || session.isEmpty()) {
            throw new ParseError("empty session description", base);
        }
        finish();
        return SessionDescription.create(session, media, trailer, base);
    }

    /** True when everything from {@code p} on is CRLF or LF line ends (trailing empty lines are kept). */
    private boolean onlyLineEnds(int p) {
        while (p < src.length) {
            if (src[p] == '\n') {
                p++;
            } else if (src[p] == '\r' && p + 1 < src.length && src[p + 1] == '\n') {
                p += 2;
            } else {
                return false;
            }
        }
        return true;
    }

    private void line(int start, int valueEnd, int end) {
        int t = src[start] & 0xff;
        if (valueEnd - start < 2 || !Chars.is(t, Chars.ALPHA) || src[start + 1] != '=') {
            throw error(lineNo == 1 ? "v= line must come first" : "expected <type>=<value>", start);
        }
        char type = (char) t;
        if (lineNo == 1 && type != 'v') {
            throw error("v= line must come first", start);
        }
        Object typed = null;
        if (KNOWN.indexOf(type) >= 0) {
            order(type, start);
            typed = field(type, new Cursor(src, start + 2, valueEnd));
        }
        SdpLine line = new SdpLine(src, start, valueEnd, end, typed);
        if (type == 'm') {
            current = new ArrayList<>();
            media.add(current);
        }
        current.add(line);
    }

    /** Checks that a known line may come here (RFC 8866 §5, §9), and moves the state on. */
    private void order(char type, int at) {
        if (type == 'm') {
            requireSessionComplete(at, "m=");
            inMedia = true;
            rank = 0;
            return;
        }
        if (inMedia) {
            int r = Lines.MEDIA_ORDER.indexOf(type);
            if (r < 0) {
                throw error(type + "= line not allowed in a media description", at);
            }
            check(type, r, Lines.MEDIA_ORDER, "bca", at);
            rank = r;
            return;
        }
        int r = Lines.SESSION_ORDER.indexOf(type);
        if (rank == 0 && type != 'o') {
            throw error("o= line must follow v= line", at);
        }
        if (rank == 1 && type != 's') {
            throw error("s= line must follow o= line", at);
        }
        int t = Lines.SESSION_ORDER.indexOf('t');
        if ((type == 'r' || type == 'z') && rank < t) {
            throw error(type + "= line must follow a t= line", at);
        }
        if (type == 'k' || type == 'a') {
            requireSessionComplete(at, type + "=");
        }
        if (type == 't' && rank >= t && rank <= t + 2) {
            rank = t;
            return;
        }
        if (type == 'z' && rank == t + 2) {
            throw error("only one z= line allowed per time description", at);
        }
        check(type, r, Lines.SESSION_ORDER, "epbra", at);
        rank = r;
    }

    private void check(char type, int r, String order, String repeatable, int at) {
        if (r == rank && repeatable.indexOf(type) < 0) {
            throw error("duplicate " + type + "= line" + (inMedia ? " in media description" : ""), at);
        }
        if (r < rank) {
            throw error(type + "= line out of order (after " + order.charAt(rank) + "= line)", at);
        }
    }

    private void requireSessionComplete(int at, String what) {
        if (!inMedia && rank < Lines.SESSION_ORDER.indexOf('t')) {
            throw error(missing() + " before " + what + " line", at);
        }
    }

    private String missing() {
        return rank < 1 ? "o= line missing" : rank < 2 ? "s= line missing" : "t= line missing";
    }

    private void finish() {
        if (!inMedia && rank < Lines.SESSION_ORDER.indexOf('t')) {
            throw new ParseError(missing() + " at end of session description", base + src.length);
        }
    }

    /** Parses the value of a known line into its typed view, locating errors by line. */
    private Object field(char type, Cursor c) {
        try {
            return switch (type) {
                case 'v' -> version(c);
                case 'o' -> Origin.parse(c);
                case 'c' -> Connection.parse(c);
                case 'b' -> Bandwidth.parse(c);
                case 't' -> Timing.parse(c);
                case 'r' -> Timing.Repeat.parse(c);
                case 'z' -> new ZoneLine(Timing.ZoneAdjustment.parseLine(c));
                case 'a' -> Attribute.parse(c);
                case 'm' -> MediaField.parse(c);
                default -> null; // s, i, u, e, p, k: text kept as written (§5.3-§5.6, §5.12)
            };
        } catch (ParseError e) {
            throw new ParseError("line " + lineNo + ": " + e.reason(), base + e.offset());
        }
    }

    private static Integer version(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length != 2) {
            throw Fields.error("bad v= line", "version expected", f.length > 2 ? f[2] : c.end);
        }
        return (int) Fields.number(c, f[0], f[1], "bad v= line", "version", 9);
    }

    /** The typed view of a z= line. */
    record ZoneLine(List<Timing.ZoneAdjustment> adjustments) {
        @Override
        public String toString() {
            return Timing.of(0, 0).withZoneAdjustments(adjustments).zoneValue();
        }
    }
}
