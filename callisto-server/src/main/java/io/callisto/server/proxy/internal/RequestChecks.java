package io.callisto.server.proxy.internal;

import io.callisto.server.proxy.ProxyConfig;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;
import java.util.ArrayList;
import java.util.List;

/**
 * The request validation of RFC 3261 §16.3, steps 2 to 5 (step 1, reasonable syntax, is the transport's
 * validation plus the ParseError any later read may raise; step 6, Proxy-Authorization, is done by the server
 * before the proxy sees the request). Each check gives the response an element acting as a UAS sends.
 */
public final class RequestChecks {

    /**
     * Why a request is not forwarded: the status, reason phrase and an optional header for the response;
     * {@link #OPTIONS_HERE} means "answer this OPTIONS as its final recipient" (§16.3 step 3).
     */
    public record Verdict(int status, String reason, String header, String value) {
    }

    /** §16.3 step 3: an OPTIONS with Max-Forwards 0 may be answered by the element itself (§11). */
    public static final Verdict OPTIONS_HERE = new Verdict(200, "OK", "Allow", LocalReplies.ALLOW);

    private RequestChecks() {
    }

    /**
     * Runs steps 2 to 5 on {@code request} as received; {@code fingerprint} is its {@link LoopDetection}
     * fingerprint. Returns null when the request may be proxied. May throw ParseError for a malformed value.
     */
    public static Verdict check(SipRequest request, String fingerprint, LocalAddresses local, ProxyConfig config) {
        Verdict v = scheme(request.requestUri());
        if (v != null) {
            return v;
        }
        int maxForwards = request.maxForwards();
        if (maxForwards == 0) {
            // §16.3 step 3: "the element MUST NOT forward the request. If the request was for OPTIONS, the element
            // MAY act as the final recipient and respond per Section 11. Otherwise ... 483 (Too many hops)".
            return request.isMethod("OPTIONS") ? OPTIONS_HERE : new Verdict(483, "Too Many Hops", null, null);
        }
        if (LoopDetection.looped(request, fingerprint, local)) {
            return new Verdict(482, "Loop Detected", null, null); // §16.3 step 4
        }
        return proxyRequire(request, config);
    }

    /**
     * §16.3 step 2: a scheme the proxy does not understand gets 416. SIP, SIPS and tel are understood (a tel: URI
     * still needs a route, §16.5, or it is refused with 416 later).
     */
    static Verdict scheme(Uri uri) {
        String s = uri.scheme();
        if (s.equals("sip") || s.equals("sips") || s.equals("tel")) {
            return null;
        }
        return new Verdict(416, "Unsupported URI Scheme", null, null);
    }

    /** §16.3 step 5: option tags in Proxy-Require that this proxy does not understand: 420 with Unsupported. */
    static Verdict proxyRequire(SipRequest request, ProxyConfig config) {
        List<String> tags = request.all(Headers.PROXY_REQUIRE);
        if (tags.isEmpty()) {
            return null;
        }
        List<String> unsupported = new ArrayList<>(tags.size());
        for (String tag : tags) {
            if (!config.proxyRequireSupported().contains(tag) && !unsupported.contains(tag)) {
                unsupported.add(tag);
            }
        }
        return unsupported.isEmpty() ? null
                : new Verdict(420, "Bad Extension", "Unsupported", String.join(", ", unsupported));
    }
}
