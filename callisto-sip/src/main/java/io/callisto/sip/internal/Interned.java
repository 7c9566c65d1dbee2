package io.callisto.sip.internal;


/** Shared instances for the few tokens nearly every message repeats (protocol, transport, method names). */
public final class Interned {
    private Interned() {}

    private static final String[] PROTOCOL = {"SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "TLS-SCTP"};
    private static final String[] METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY",
        "REFER", "MESSAGE", "INFO", "PUBLISH",
    };

    public static String protocolToken(Cursor c, int from, int to) {
        return pick(PROTOCOL, c, from, to);
    }

    public static String method(Cursor c, int from, int to) {
        return pick(METHODS, c, from, to);
    }

    private static String pick(String[] table, Cursor c, int from, int to) {
        int len = to - from;
        for (String s : table) {
            if (s.length() == len && same(s, c.b, from)) {
                return s;
            }
        }
        return c.ascii(from, to);
    }

    private static boolean same(String s, byte[] b, int from) {
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
