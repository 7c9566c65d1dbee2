package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;

/** The parameter names seen on nearly every message, shared instead of allocated per parse. */
final class ParamNames {
    private ParamNames() {}

    private static final String[] COMMON = {
        "branch", "tag", "rport", "received", "transport", "lr", "maddr", "ttl", "user", "method", "expires", "q",
        "reg-id", "+sip.instance", "ob", "refresher", "id", "reason", "cause", "text", "duration", "handling",
        "to-tag", "from-tag", "early-only", "alias", "ftag", "did", "nat", "sigcomp-id", "comp", "purpose",
    };

    static String intern(Cursor c, int from, int to) {
        return intern(c.b, from, to);
    }

    static String intern(byte[] b, int from, int to) {
        int len = to - from;
        byte first = b[from];
        for (String s : COMMON) {
            if (s.length() == len && s.charAt(0) == first && exactCase(b, from, s)) {
                return s;
            }
        }
        return new String(b, from, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean exactCase(byte[] b, int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
