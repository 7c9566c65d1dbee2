package io.callisto.transaction.internal;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;

/**
 * The responses a client transaction makes up itself (§8.1.3.1): 408 when Timer B or F fires, 503 when the
 * transport fails. Built with {@link Messages#responseTo} from the request, so they carry its Via, From, To,
 * Call-ID and CSeq like a real response would.
 *
 * <p>How they are told apart without a lock, a table or a marker header: the reason phrase of a local response
 * is a private {@code String} instance that no parser and no other code can produce, and {@link #isLocal} compares
 * references. Nothing unusual goes on the wire if a TU forwards one (the text is the standard phrase), a peer
 * cannot forge the mark, and a {@linkplain SipResponse#copy() copy} or a {@linkplain SipResponse#setStatus
 * re-statused} response is no longer local.
 */
public final class LocalResponses {

    // new String(...) on purpose: distinct instances, never equal by reference to any other string.
    private static final String TIMEOUT = new String("Request Timeout");
    private static final String UNAVAILABLE = new String("Service Unavailable");

    private LocalResponses() {
    }

    /** A 408 (Request Timeout) for {@code request}: a client transaction timed out (Timer B or F). */
    public static SipResponse timeout(SipRequest request) {
        return Messages.responseTo(request, 408, TIMEOUT, null);
    }

    /** A 503 (Service Unavailable) for {@code request}: the transport could not send it. */
    public static SipResponse transportFailure(SipRequest request) {
        return Messages.responseTo(request, 503, UNAVAILABLE, null);
    }

    /** True only for a response made by {@link #timeout} or {@link #transportFailure}. */
    @SuppressWarnings("StringEquality")
    public static boolean isLocal(SipResponse response) {
        String reason = response.reason();
        return reason == TIMEOUT || reason == UNAVAILABLE;
    }
}
