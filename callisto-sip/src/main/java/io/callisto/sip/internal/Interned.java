package io.callisto.sip.internal;

import java.nio.charset.StandardCharsets;

/** Shared instances for the few tokens nearly every message repeats (protocol, transport, method names). */
public final class Interned {
    private Interned() {}

    private static final String[] PROTOCOL = {"SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "TLS-SCTP"};
    private static final String[] METHODS = {
        "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE", "SUBSCRIBE", "NOTIFY",
        "REFER", "MESSAGE", "INFO", "PUBLISH",
    };
    private static final byte[][] PROTOCOL_BYTES = bytes(PROTOCOL);
    private static final byte[][] METHOD_BYTES = bytes(METHODS);

    private static byte[][] bytes(String[] table) {
        byte[][] out = new byte[table.length][];
        for (int i = 0; i < table.length; i++) {
            out[i] = table[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return out;
    }

    public static String protocolToken(Cursor c, int from, int to) {
        return pick(PROTOCOL, PROTOCOL_BYTES, c.b, from, to);
    }

    public static String method(Cursor c, int from, int to) {
        return pick(METHODS, METHOD_BYTES, c.b, from, to);
    }

    private static String pick(String[] table, byte[][] tableBytes, byte[] b, int from, int to) {
        int len = to - from;
        byte first = b[from];
        for (int i = 0; i < tableBytes.length; i++) {
            byte[] t = tableBytes[i];
            if (t.length == len && t[0] == first && same(t, b, from)) {
                return table[i];
            }
        }
        return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }

    private static boolean same(byte[] t, byte[] b, int from) {
        for (int i = 1; i < t.length; i++) {
            if (b[from + i] != t[i]) {
                return false;
            }
        }
        return true;
    }
}
