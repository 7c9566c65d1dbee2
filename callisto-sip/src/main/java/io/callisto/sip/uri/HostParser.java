package io.callisto.sip.uri;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.parse.ParseError;
import java.util.Arrays;

/**
 * The {@code host} rule of RFC 3261 §25.1: {@code hostname / IPv4address / IPv6reference}.
 *
 * <pre>
 * hostname      =  *( domainlabel "." ) toplabel [ "." ]
 * domainlabel   =  alphanum / alphanum *( alphanum / "-" ) alphanum
 * toplabel      =  ALPHA / ALPHA *( alphanum / "-" ) alphanum
 * IPv4address   =  1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT "." 1*3DIGIT
 * IPv6reference =  "[" IPv6address "]"
 * IPv6address   =  hexpart [ ":" IPv4address ]
 * hexpart       =  hexseq / hexseq "::" [ hexseq ] / "::" [ hexseq ]
 * </pre>
 *
 * <p>Deliberate liberties, where deployed devices differ from the letter of the ABNF:
 * <ul>
 *   <li>a top label may start with a digit (RFC 1123 §2.1) as long as it is not all digits: an all-digit top
 *       label is only valid as part of an IPv4 address;</li>
 *   <li>{@code [2001:db8:::192.0.2.1]}, the extra colon the RFC 3261 ABNF allows before an embedded IPv4
 *       address, is accepted (RFC 5118 §4.10 asks receivers to tolerate it).</li>
 * </ul>
 * Stricter than the letter: IPv4 octets above 255 are rejected, and IPv6 addresses must have exactly eight
 * 16-bit groups, or fewer with one "::" (RFC 4291 §2.2; an embedded IPv4 address counts as two).
 * Escapes are never allowed in a host (RFC 3261 §19.1.2).
 */
final class HostParser {
    private HostParser() {}

    /** Host kinds, as returned by {@link #kind(CharSequence, int, int)}. */
    static final int HOSTNAME = 0;
    static final int IPV4 = 1;
    static final int IPV6 = 2;

    /**
     * Parses a host starting at {@code from}; stops at the first byte that cannot continue it.
     *
     * @return the end of the host
     * @throws ParseError when no valid host starts at {@code from}
     */
    static int parse(byte[] b, int from, int to) {
        if (from >= to) {
            throw new ParseError("host expected", from);
        }
        if (b[from] == '[') {
            int close = from + 1;
            while (close < to && b[close] != ']') {
                close++;
            }
            if (close >= to) {
                throw new ParseError("unterminated IPv6 reference", from);
            }
            parseIpv6(b, from + 1, close, null);
            return close + 1;
        }
        int end = from;
        boolean name = false;
        while (end < to) {
            int c = b[end];
            if (Chars.is(c, Chars.ALPHA) || c == '-') {
                name = true;
            } else if (!Chars.isDigit(c) && c != '.') {
                break;
            }
            end++;
        }
        if (end == from) {
            throw new ParseError("host expected", from);
        }
        if (looksLikeBareIpv6(b, from, to)) {
            throw new ParseError("IPv6 address must be enclosed in '[' and ']' (RFC 5118 §4.2)", from);
        }
        if (name) {
            checkHostname(b, from, end);
        } else {
            parseIpv4(b, from, end, null, 0);
        }
        return end;
    }

    /** True when the host text holds two colons among hex digits, as in {@code 2001:db8::10}: an IPv6 address. */
    private static boolean looksLikeBareIpv6(byte[] b, int from, int to) {
        int colons = 0;
        for (int p = from; p < to; p++) {
            int c = b[p];
            if (c == ':') {
                if (++colons >= 2) {
                    return true;
                }
            } else if (Chars.hexValue(c) < 0 && c != '.') {
                return false;
            }
        }
        return false;
    }

    /** Validates {@code b[from, to)} as a hostname (domainname of RFC 3966 §3 is the same rule). */
    static void checkHostname(byte[] b, int from, int to) {
        int labelStart = from;
        boolean allDigits = true;
        for (int p = from; p <= to; p++) {
            int c = p < to ? b[p] : '.';
            if (c == '.') {
                if (p == labelStart) {
                    if (p == to && p > from) {
                        break; // the optional trailing dot
                    }
                    throw new ParseError("empty label in host name", p);
                }
                if (b[labelStart] == '-' || b[p - 1] == '-') {
                    throw new ParseError("host name label begins or ends with '-'", b[labelStart] == '-' ? labelStart : p - 1);
                }
                if (p >= to - 1 && allDigits) {
                    throw new ParseError("host name top label is all digits", labelStart);
                }
                labelStart = p + 1;
                allDigits = true;
            } else if (Chars.is(c, Chars.ALPHA) || c == '-') {
                allDigits = false;
            } else if (!Chars.isDigit(c)) {
                throw new ParseError("invalid character in host name", p);
            }
        }
    }

    /**
     * Parses {@code b[from, to)} as exactly an IPv4address; writes its four bytes to {@code out[at..]} when
     * {@code out} is not null.
     */
    static void parseIpv4(byte[] b, int from, int to, byte[] out, int at) {
        int p = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (p >= to || b[p] != '.') {
                    throw new ParseError("invalid IPv4 address", p);
                }
                p++;
            }
            int start = p;
            int v = 0;
            while (p < to && Chars.isDigit(b[p]) && p - start < 3) {
                v = v * 10 + b[p++] - '0';
            }
            if (p == start || p < to && Chars.isDigit(b[p])) {
                throw new ParseError("invalid IPv4 address", p);
            }
            if (v > 255) {
                throw new ParseError("IPv4 address octet out of range", start);
            }
            if (out != null) {
                out[at + part] = (byte) v;
            }
        }
        if (p != to) {
            throw new ParseError("invalid IPv4 address", p);
        }
    }

    /**
     * Parses {@code b[from, to)} (between the brackets) as exactly an IPv6address; writes its sixteen bytes to
     * {@code out} when not null.
     */
    static void parseIpv6(byte[] b, int from, int to, byte[] out) {
        int groups = 0;
        int gap = -1; // group index where "::" stands
        int p = from;
        if (p + 1 < to && b[p] == ':' && b[p + 1] == ':') {
            gap = 0;
            p += 2;
            if (p < to && b[p] == ':') {
                p++; // RFC 5118 §4.10: ":::" only directly before an IPv4 address
                requireIpv4Next(b, p, to);
            }
        } else if (p < to && b[p] == ':') {
            throw new ParseError("IPv6 address starts with a single ':'", p);
        }
        while (p < to) {
            int start = p;
            int v = 0;
            while (p < to && Chars.hexValue(b[p]) >= 0) {
                v = v << 4 | Chars.hexValue(b[p]);
                p++;
            }
            if (p < to && b[p] == '.') {
                if (groups > 6) {
                    throw new ParseError("too many groups in IPv6 address", start);
                }
                parseIpv4(b, start, to, out, groups * 2);
                groups += 2;
                p = to;
                break;
            }
            if (p == start || p - start > 4) {
                throw new ParseError("invalid IPv6 address", p == start ? p : start);
            }
            if (groups >= 8) {
                throw new ParseError("too many groups in IPv6 address", start);
            }
            if (out != null) {
                out[groups * 2] = (byte) (v >> 8);
                out[groups * 2 + 1] = (byte) v;
            }
            groups++;
            if (p == to) {
                break;
            }
            if (b[p] != ':') {
                throw new ParseError("invalid character in IPv6 address", p);
            }
            if (p + 1 < to && b[p + 1] == ':') {
                if (gap >= 0) {
                    throw new ParseError("more than one '::' in IPv6 address", p);
                }
                gap = groups;
                p += 2;
                if (p < to && b[p] == ':') {
                    p++;
                    requireIpv4Next(b, p, to);
                }
            } else {
                p++;
                if (p == to) {
                    throw new ParseError("IPv6 address ends with a single ':'", p - 1);
                }
            }
        }
        if (gap < 0 ? groups != 8 : groups > 7) {
            throw new ParseError(gap < 0 ? "too few groups in IPv6 address" : "too many groups in IPv6 address", from);
        }
        if (out != null && gap >= 0) {
            int tail = (groups - gap) * 2;
            System.arraycopy(out, gap * 2, out, 16 - tail, tail);
            Arrays.fill(out, gap * 2, 16 - tail, (byte) 0);
        }
    }

    private static void requireIpv4Next(byte[] b, int p, int to) {
        int q = p;
        while (q < to && Chars.isDigit(b[q])) {
            q++;
        }
        if (q == p || q >= to || b[q] != '.') {
            throw new ParseError("invalid IPv6 address", p);
        }
    }

    /** The kind of a host already known to be valid: {@link #HOSTNAME}, {@link #IPV4} or {@link #IPV6}. */
    static int kind(CharSequence s, int from, int to) {
        if (s.charAt(from) == '[') {
            return IPV6;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '.' && !Chars.isDigit(c)) {
                return HOSTNAME;
            }
        }
        return IPV4;
    }

    /**
     * Compares two valid hosts for RFC 3261 §19.1.4: host names case-insensitively, IP addresses by value
     * (so {@code [2001:DB8::1]} matches {@code [2001:db8:0::1]}); a name never matches an address.
     */
    static boolean equivalent(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        int kind = kind(a, aFrom, aTo);
        if (kind != kind(b, bFrom, bTo)) {
            return false;
        }
        if (kind == HOSTNAME) {
            return aTo - aFrom == bTo - bFrom && a.regionMatches(true, aFrom, b, bFrom, aTo - aFrom);
        }
        if (aTo - aFrom == bTo - bFrom && a.regionMatches(true, aFrom, b, bFrom, aTo - aFrom)) {
            return true;
        }
        return Arrays.equals(address(a, aFrom, aTo, kind), address(b, bFrom, bTo, kind));
    }

    private static byte[] address(String s, int from, int to, int kind) {
        byte[] text = new byte[to - from];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) s.charAt(from + i);
        }
        if (kind == IPV4) {
            byte[] out = new byte[4];
            parseIpv4(text, 0, text.length, out, 0);
            return out;
        }
        byte[] out = new byte[16];
        parseIpv6(text, 1, text.length - 1, out);
        return out;
    }
}
