package io.callisto.cli.phone;

import io.callisto.sip.message.SipResponse;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The media side of one call as the phone uses it: the offer or answer for its INVITE, hold and resume, DTMF, and
 * the end. Implemented over {@code io.callisto.media.call.CallMedia}.
 */
interface CallAudio {

    /** The SDP offer of an outgoing INVITE (or of the new call of a transfer). */
    Body offer();

    /** The answer to an incoming call's offer, or null when it is not acceptable (the call is rejected 488). */
    Body answerTo(Call incoming);

    /** Binds to the call: answers later offers, starts RTP once negotiated, stops when the call ends. */
    void attach(Call call);

    /** Puts the call on hold (re-INVITE); completes with the final response. */
    CompletableFuture<SipResponse> hold();

    /** Takes the call off hold (re-INVITE); completes with the final response. */
    CompletableFuture<SipResponse> resume();

    /** Sends one DTMF digit; returns false when the session cannot (no telephone-event), so SIP INFO is used. */
    boolean sendDtmf(char digit, int millis);

    /** Receives the DTMF digits the peer sends in RTP (RFC 4733). */
    void onDtmf(Consumer<Character> listener);

    /** True when the media is protected with SRTP. */
    boolean secure();

    /** The RTP statistics as {@code key, value, ...} pairs for an event line. */
    String[] statistics();

    /** Stops the media and releases its ports; writes the recording, if any. */
    void close();
}
