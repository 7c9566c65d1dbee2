package io.callisto.transport.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The checks a WebSocket upgrade request must pass before the SIP subprotocol is spoken on its connection
 * (RFC 6455 §4.2.1, RFC 7118 §4.1). Pure: {@link #check} only reads the request.
 */
public final class WsUpgrade {

    /** The WebSocket subprotocol of SIP (RFC 7118 §4.1). */
    public static final String SUBPROTOCOL = "sip";

    /**
     * Why an upgrade request is refused.
     *
     * @param status the HTTP status to answer with
     * @param reason what was wrong, for the log and the response body
     */
    public record Refusal(HttpResponseStatus status, String reason) {
    }

    private WsUpgrade() {
    }

    /** Null when {@code request} may be upgraded to a SIP WebSocket, else why not. */
    public static Refusal check(HttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            return new Refusal(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " (a WebSocket upgrade is a GET, RFC 6455 §4.1)");
        }
        HttpHeaders h = request.headers();
        if (!h.containsValue(HttpHeaderNames.UPGRADE, "websocket", true)
                || !h.containsValue(HttpHeaderNames.CONNECTION, "upgrade", true)) {
            return new Refusal(HttpResponseStatus.UPGRADE_REQUIRED,
                    "not a WebSocket upgrade (no Upgrade: websocket / Connection: Upgrade); this port speaks SIP"
                            + " over WebSocket only");
        }
        if (!offersSip(h)) {
            String offered = h.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).toString();
            return new Refusal(HttpResponseStatus.BAD_REQUEST, h.contains(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)
                    ? "subprotocol 'sip' not offered (Sec-WebSocket-Protocol: " + offered + "), RFC 7118 §4.1"
                    : "no Sec-WebSocket-Protocol header: the client must offer subprotocol 'sip' (RFC 7118 §4.1)");
        }
        return null;
    }

    /** True when some Sec-WebSocket-Protocol value lists the token {@code sip} (RFC 6455 §4.1: comma-separated). */
    static boolean offersSip(HttpHeaders h) {
        for (String value : h.getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
            for (String token : value.split(",")) {
                if (token.trim().equals(SUBPROTOCOL)) {
                    return true;
                }
            }
        }
        return false;
    }
}
