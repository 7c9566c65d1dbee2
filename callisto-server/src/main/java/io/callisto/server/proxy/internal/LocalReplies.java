package io.callisto.server.proxy.internal;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Responses the proxy makes itself, acting as a UAS (RFC 3261 §16.3: "the element MUST behave as a user agent
 * server (see Section 8.2) and respond with an error code"): §8.2.6 copies, a To tag when the request had none
 * (§8.2.6.2), and the reason phrase the caller chooses so that an operator reading a trace sees why.
 */
public final class LocalReplies {

    /** What the proxy answers to OPTIONS addressed to itself (§11.2). */
    public static final String ALLOW =
            "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, SUBSCRIBE, NOTIFY, REFER, INFO, UPDATE, PRACK";

    private LocalReplies() {
    }

    /** A response to {@code request} with a fresh To tag (when it had none) and {@code reason} (null: standard). */
    public static SipResponse make(SipRequest request, int status, String reason) {
        return Messages.responseTo(request, status, reason, status > 100 ? tag() : null);
    }

    /** Sends {@link #make} through {@code tx}; false when the transaction no longer takes it. */
    public static boolean reply(ServerTransaction tx, SipRequest request, int status, String reason) {
        return tx.respond(make(request, status, reason));
    }

    /** Sends a response with one extra header (e.g. Unsupported with a 420, Allow with a 405 or 200). */
    public static boolean reply(ServerTransaction tx, SipRequest request, int status, String reason,
            String header, String value) {
        SipResponse r = make(request, status, reason);
        if (header != null && value != null) {
            r.addHeader(header, value);
        }
        return tx.respond(r);
    }

    /** A new To tag: 64 random bits in hex. */
    public static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
