package io.callisto.server.proxy.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;

/**
 * Choosing and shaping the final response of a response context, RFC 3261 §16.7 steps 6 and 7.
 *
 * <ul>
 *   <li>no final response at all: 408 (487 when the caller cancelled, as the UAS would have answered);</li>
 *   <li>a 6xx if there is one; else the lowest class received, preferring within 4xx the responses that let the
 *       caller retry (401, 407, 415, 420, 484), then responses received over ones the proxy made itself (408 for a
 *       branch that failed), then 503 last; ties go to the earliest;</li>
 *   <li>a chosen 503 becomes a 500 of our own (step 6: forwarding a 503 would say this proxy is unavailable);</li>
 *   <li>a chosen 401 or 407 carries every WWW-Authenticate and Proxy-Authenticate value of the other 401 and 407
 *       responses (step 7).</li>
 * </ul>
 */
public final class BestResponse {

    /** A final response stored in the context: a received one, or one a branch stands for (response null). */
    public record Candidate(int status, SipResponse response, String reason) {

        /** A response received from a branch. */
        public static Candidate of(SipResponse r) {
            return new Candidate(r.status(), r, r.reason());
        }

        /** A response the proxy stands in with for a branch (§16.6 step 7: "as if ... returned a 408"). */
        public static Candidate local(int status, String reason) {
            return new Candidate(status, null, reason);
        }
    }

    private BestResponse() {
    }

    /** The candidate §16.7 step 6 selects; {@code candidates} is not empty. */
    static Candidate choose(List<Candidate> candidates) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.status >= 600) {
                return c;
            }
            if (best == null || better(c, best)) {
                best = c;
            }
        }
        return best;
    }

    private static boolean better(Candidate c, Candidate than) {
        int cc = c.status / 100;
        int tc = than.status / 100;
        if (cc != tc) {
            return cc < tc;
        }
        return rank(c) < rank(than); // equal ranks keep the earlier one
    }

    private static int rank(Candidate c) {
        return switch (c.status) {
            case 401, 407, 415, 420, 484 -> 0;
            case 503 -> 3;
            default -> c.response != null ? 1 : 2;
        };
    }

    /**
     * The response to send on the server transaction for {@code original}: chosen, the proxy's own Via removed
     * (step 3), 503 replaced and challenges merged.
     */
    public static SipResponse build(List<Candidate> candidates, SipRequest original, boolean cancelled) {
        if (candidates.isEmpty()) {
            return cancelled ? LocalReplies.make(original, 487, "Request Terminated")
                    : LocalReplies.make(original, 408, "Request Timeout");
        }
        Candidate best = choose(candidates);
        if (best.status == 503) {
            return LocalReplies.make(original, 500, "Server Internal Error (next hop unavailable)");
        }
        if (best.response == null) {
            return LocalReplies.make(original, best.status, best.reason);
        }
        SipResponse r = best.response;
        r.removeFirst(Headers.VIA);
        if (best.status == 401 || best.status == 407) {
            for (Candidate c : candidates) {
                if (c != best && c.response != null && (c.status == 401 || c.status == 407)) {
                    copy(c.response, r, HeaderName.WWW_AUTHENTICATE.canonical());
                    copy(c.response, r, HeaderName.PROXY_AUTHENTICATE.canonical());
                }
            }
        }
        return r;
    }

    private static void copy(SipResponse from, SipResponse to, String header) {
        for (String value : from.headers(header)) {
            to.addHeader(header, value);
        }
    }
}
