package io.callisto.server.auth.internal;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The responses of server-side Digest authentication: challenges (401/407) and refusals (400/403). */
public final class AuthResponses {
    private AuthResponses() {
    }

    /**
     * A 401 with WWW-Authenticate (registrar, UAS) or a 407 with Proxy-Authenticate (proxy) values, RFC 3261 §22.2,
     * §22.3: one challenge per algorithm in order of preference, all with the same realm and nonce (RFC 8760
     * §2.3), each with qop (RFC 8760 §2.6 item 8: a UAS must always send it) and stale=true when asked
     * (RFC 7616 §3.3). The algorithm and stale are tokens, the others quoted strings (RFC 7616 §3.3).
     */
    public static SipResponse challenge(SipRequest request, boolean proxy, String realm, String nonce,
            List<DigestAlgorithm> algorithms, boolean offerAuthInt, boolean stale) {
        SipResponse response = respond(request, proxy ? 407 : 401, null);
        for (DigestAlgorithm algorithm : algorithms) {
            Challenge c = Challenge.digest(realm, nonce, algorithm.token());
            if (offerAuthInt) {
                c = c.withQuoted("qop", "auth,auth-int");
            }
            if (stale) {
                c = c.withToken("stale", "true");
            }
            response.add(proxy ? Headers.PROXY_AUTHENTICATE : Headers.WWW_AUTHENTICATE, c);
        }
        return response;
    }

    /** A final response refusing {@code request}; {@code reason} null means the default phrase. */
    public static SipResponse refuse(SipRequest request, int status, String reason) {
        return respond(request, status, reason == null ? null : phrase(reason));
    }

    /**
     * A response with a To tag (§8.2.6.2: a UAS adds one when the request had none). A request whose To cannot be
     * read gets its To copied as it is.
     */
    private static SipResponse respond(SipRequest request, int status, String reason) {
        try {
            return Messages.responseTo(request, status, reason, toTag());
        } catch (ParseError e) {
            return Messages.responseTo(request, status, reason, null);
        }
    }

    /** Printable ASCII only, at most 100 characters: safe in a status line whatever it quotes. */
    public static String phrase(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && sb.length() < 100; i++) {
            char c = text.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static String toTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
