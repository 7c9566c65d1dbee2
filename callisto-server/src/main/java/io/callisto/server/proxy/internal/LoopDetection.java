package io.callisto.server.proxy.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.transaction.Branch;
import java.util.List;

/**
 * Loop detection with the two-part branch of RFC 3261 §16.6 step 8 and the check of §16.3 step 4.
 *
 * <p>Every branch this proxy sends is {@code <random part from Branch.next()>.<fingerprint>}: the first part makes
 * it unique (§8.1.1.7), the second is a 64-bit hash, in hex, of the fields of the received request that decide
 * how it is processed: the request-URI before any change, the From and To tags, the Call-ID, the CSeq number, and
 * every Route, Proxy-Require and Proxy-Authorization value. When a request arrives carrying a Via whose sent-by is
 * ours and whose branch ends with the fingerprint of the request as it arrives now, it has come back unchanged:
 * a loop (482). A different fingerprint is a spiral (e.g. the request-URI was retargeted), which is processed.
 *
 * <p>The method is not hashed, so a CANCEL or a non-2xx ACK carries the branch of its INVITE (§16.6 step 8). The
 * topmost Via is not hashed either, although §16.6 suggests it: a request that returns to us always has another
 * topmost Via (the element that sent it back), so hashing it would turn every loop into a spiral; Max-Forwards
 * still bounds what the hash cannot see.
 */
public final class LoopDetection {

    private static final char SEPARATOR = '.';
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private LoopDetection() {
    }

    /** The fingerprint of {@code request} as received: 16 lower-case hex digits. May throw ParseError. */
    public static String fingerprint(SipRequest request) {
        long h = FNV_OFFSET;
        h = mix(h, request.requestUriText());
        h = mix(h, request.from() == null ? null : request.from().tag());
        h = mix(h, request.to() == null ? null : request.to().tag());
        h = mix(h, request.callId());
        h = mix(h, request.cseq() == null ? null : Long.toString(request.cseq().number()));
        h = mixAll(h, request.headers(HeaderName.ROUTE.canonical()));
        h = mixAll(h, request.headers(HeaderName.PROXY_REQUIRE.canonical()));
        h = mixAll(h, request.headers(HeaderName.PROXY_AUTHORIZATION.canonical()));
        String hex = Long.toHexString(h);
        return "0000000000000000".substring(hex.length()) + hex;
    }

    /** A new branch for a request with this fingerprint: unique part, '.', fingerprint. */
    public static String branch(String fingerprint) {
        return Branch.next() + SEPARATOR + fingerprint;
    }

    /**
     * True when a Via of {@code request} was written by this proxy (sent-by is ours) for a request with the same
     * fingerprint: the request has looped (§16.3 step 4).
     */
    public static boolean looped(SipRequest request, String fingerprint, LocalAddresses local) {
        List<Via> vias = request.vias();
        for (Via via : vias) {
            String branch = via.branch();
            if (branch != null && branch.length() > fingerprint.length()
                    && branch.charAt(branch.length() - fingerprint.length() - 1) == SEPARATOR
                    && branch.regionMatches(true, branch.length() - fingerprint.length(), fingerprint, 0,
                            fingerprint.length())
                    && local.isOurSentBy(via)) {
                return true;
            }
        }
        return false;
    }

    private static long mixAll(long h, List<String> values) {
        for (String v : values) {
            h = mix(h, v);
        }
        return mix(h, "|");
    }

    private static long mix(long h, String s) {
        if (s != null) {
            for (int i = 0, n = s.length(); i < n; i++) {
                h ^= s.charAt(i);
                h *= FNV_PRIME;
            }
        }
        h ^= 0x1f; // field separator, so that "ab"+"c" and "a"+"bc" differ
        return h * FNV_PRIME;
    }
}
