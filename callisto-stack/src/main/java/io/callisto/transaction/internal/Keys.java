package io.callisto.transaction.internal;

import io.callisto.sip.header.Via;

/**
 * Transaction table keys. One string per lookup, built in one pass: branch values and sent-by hosts compare
 * case-insensitively (§7.3.1: parameter values and host names are case-insensitive unless stated otherwise), so
 * they are lower-cased while copied; methods compare case-sensitively (§7.1).
 */
public final class Keys {

    private Keys() {
    }

    /**
     * The key of a client transaction (§17.1.3): the top Via branch and the method of the request that created it;
     * a response is looked up with its top Via branch and its CSeq method.
     */
    public static String client(String branch, String method) {
        StringBuilder sb = new StringBuilder(branch.length() + 1 + method.length());
        appendLower(sb, branch);
        return sb.append('|').append(method).toString();
    }

    /**
     * The key of a server transaction created by a request whose branch carries the magic cookie (§17.2.3):
     * branch, method (INVITE when looking up for an ACK or a CANCEL target) and the top Via sent-by.
     */
    public static String server(String branch, String method, Via via) {
        String host = via.host();
        StringBuilder sb = new StringBuilder(branch.length() + method.length() + host.length() + 8);
        appendLower(sb, branch);
        sb.append('|').append(method).append('|');
        appendLower(sb, host);
        return sb.append(':').append(via.port()).toString();
    }

    /**
     * The bucket of server transactions created by RFC 2543 requests (no magic cookie, §17.2.3): Call-ID and CSeq
     * number, which every request of the transaction (the INVITE, its ACK, a CANCEL) shares. Within a bucket the
     * full rules of {@link LegacyMatching} decide.
     */
    public static String legacy(String callId, long cseqNumber) {
        return new StringBuilder(callId.length() + 12).append(callId).append('|').append(cseqNumber).toString();
    }

    private static void appendLower(StringBuilder sb, String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
    }
}
