package io.callisto.sip.uri;

/**
 * SIP and SIPS URI comparison, RFC 3261 §19.1.4:
 * <ul>
 *   <li>a SIP and a SIPS URI are never equivalent;</li>
 *   <li>userinfo (user and password) compares case-sensitively, everything else case-insensitively;</li>
 *   <li>characters other than "reserved" are equivalent to their {@code %XX} escapes;</li>
 *   <li>user, password, host and port must all match; an omitted component never matches an explicit one,
 *       even with its default value;</li>
 *   <li>a uri-parameter present in both must match; user, ttl, method, maddr and transport present in only
 *       one never match; other parameters present in only one are ignored; order does not matter;</li>
 *   <li>headers are never ignored: both URIs must have the same headers, in any order.</li>
 * </ul>
 *
 * <p>Decisions where §19.1.4 is silent: IP addresses compare by value ({@code [2001:db8::1]} matches
 * {@code [2001:DB8:0:0::1]}); a name never matches an address. Header names compare case-insensitively and
 * header values exactly (case-sensitively, escapes resolved), since the per-header rules of §20 are not
 * known at this layer. A parameter without a value only matches a parameter without a value. When a name
 * appears twice (which §19.1.1 forbids), the first occurrence counts.
 */
final class SipEquivalence {
    private SipEquivalence() {}

    /** Parameters that never match when present in only one URI (§19.1.4). */
    private static final String[] MUST_MATCH = {"user", "ttl", "method", "maddr", "transport"};

    static boolean equivalent(SipUri a, SipUri b) {
        if (a == b) {
            return true;
        }
        String s = a.text();
        String t = b.text();
        if (a.secure() != b.secure() || a.port() != b.port() || (a.userEnd() < 0) != (b.userEnd() < 0)
                || (a.passwordStart() < 0) != (b.passwordStart() < 0)) {
            return false;
        }
        if (a.userEnd() >= 0) {
            if (!Escaping.equivalent(s, a.userStart(), a.userEnd(), t, b.userStart(), b.userEnd(), false)) {
                return false;
            }
            if (a.passwordStart() >= 0 && !Escaping.equivalent(s, a.passwordStart(), a.hostStart() - 1,
                    t, b.passwordStart(), b.hostStart() - 1, false)) {
                return false;
            }
        }
        return HostParser.equivalent(s, a.hostStart(), a.hostEnd(), t, b.hostStart(), b.hostEnd())
                && parametersMatch(s, a.paramsStart(), a.headersStart(), t, b.paramsStart(), b.headersStart())
                && headersMatch(s, a.headersStart(), s.length(), t, b.headersStart(), t.length());
    }

    private static boolean parametersMatch(String s, int sFrom, int sTo, String t, int tFrom, int tTo) {
        return oneWay(s, sFrom, sTo, t, tFrom, tTo) && oneWay(t, tFrom, tTo, s, sFrom, sTo);
    }

    /** Every parameter of s either matches the same-named one of t or, when t lacks it, may be ignored. */
    private static boolean oneWay(String s, int sFrom, int sTo, String t, int tFrom, int tTo) {
        for (int p = sFrom; p < sTo; ) {
            int end = RawParams.itemEnd(s, p, sTo, ';');
            int eq = RawParams.nameEnd(s, p, end);
            int q = findByName(t, tFrom, tTo, ';', s, p + 1, eq);
            if (q < 0) {
                if (mustMatch(s, p + 1, eq)) {
                    return false;
                }
            } else if (!sameValue(s, eq, end, t, q, RawParams.itemEnd(t, q, tTo, ';'), true)) {
                return false;
            }
            p = end;
        }
        return true;
    }

    private static boolean mustMatch(String s, int from, int to) {
        for (String name : MUST_MATCH) {
            if (Escaping.equivalent(s, from, to, name, 0, name.length(), true)) {
                return true;
            }
        }
        return false;
    }

    /** Start of the first item in t whose name is equivalent to {@code s[nFrom, nTo)}, or -1. */
    private static int findByName(String t, int from, int to, char sep, String s, int nFrom, int nTo) {
        for (int q = from; q < to; ) {
            int end = RawParams.itemEnd(t, q, to, sep);
            if (Escaping.equivalent(t, q + 1, RawParams.nameEnd(t, q, end), s, nFrom, nTo, true)) {
                return q;
            }
            q = end;
        }
        return -1;
    }

    /**
     * Compares the values of two items: {@code sEq} and the value end {@code sEnd} (sEq == sEnd means no
     * value); {@code q} is the start of t's item.
     */
    private static boolean sameValue(String s, int sEq, int sEnd, String t, int q, int tEnd, boolean ignoreCase) {
        int tEq = RawParams.nameEnd(t, q, tEnd);
        if ((sEq == sEnd) != (tEq == tEnd)) {
            return false;
        }
        return sEq == sEnd || Escaping.equivalent(s, sEq + 1, sEnd, t, tEq + 1, tEnd, ignoreCase);
    }

    /** Same headers, in any order: a one-to-one matching of s's headers to t's. */
    private static boolean headersMatch(String s, int sFrom, int sTo, String t, int tFrom, int tTo) {
        if (sFrom == sTo || tFrom == tTo) {
            return sFrom == sTo && tFrom == tTo;
        }
        int n = RawParams.count(s, sFrom, sTo, '&');
        if (n != RawParams.count(t, tFrom, tTo, '&')) {
            return false;
        }
        boolean[] used = new boolean[n];
        for (int p = sFrom; p < sTo; ) {
            int end = RawParams.itemEnd(s, p, sTo, '&');
            int eq = RawParams.nameEnd(s, p, end);
            if (!matchUnused(s, p, eq, end, t, tFrom, tTo, used)) {
                return false;
            }
            p = end;
        }
        return true;
    }

    private static boolean matchUnused(String s, int p, int eq, int end, String t, int tFrom, int tTo,
                                       boolean[] used) {
        int i = 0;
        for (int q = tFrom; q < tTo; i++) {
            int qEnd = RawParams.itemEnd(t, q, tTo, '&');
            int qEq = RawParams.nameEnd(t, q, qEnd);
            if (!used[i] && Escaping.equivalent(s, p + 1, eq, t, q + 1, qEq, true)
                    && sameValue(s, eq, end, t, q, qEnd, false)) {
                used[i] = true;
                return true;
            }
            q = qEnd;
        }
        return false;
    }
}
