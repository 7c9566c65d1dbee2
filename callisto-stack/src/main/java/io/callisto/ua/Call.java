package io.callisto.ua;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One call (an INVITE dialog usage, RFC 3261 §13-15), outgoing or incoming. Methods may be called from any thread:
 * they post their work to the call's owner thread and return at once. Events and future completions run on the owner
 * thread (do not block in them).
 */
public interface Call {

    /** The Call-ID. */
    String callId();

    /** True for a call this UA placed. */
    boolean isOutgoing();

    /** The current state. */
    CallState state();

    /** The peer's address of record (To of an outgoing call, From of an incoming one). */
    Uri remoteUri();

    /** The INVITE that started the call (as sent for outgoing calls, as received for incoming ones). */
    SipRequest invite();

    /** The peer's session description (the offer of an incoming INVITE, the answer in the 2xx), or null. */
    Body remoteBody();

    /**
     * Completes with this call when it is answered (a 2xx), or exceptionally with {@link CallFailedException} when it
     * ends before that.
     */
    CompletableFuture<Call> answered();

    /** Completes with the event that ended the call. */
    CompletableFuture<CallEvent> ended();

    /** Adds a listener for this call's events. */
    void addListener(CallListener listener);

    /**
     * Ends the call the way its state requires: CANCEL while an outgoing call is pending (sent once a provisional
     * response has arrived, §9.1), 480/486-style rejection is {@link #reject}; BYE once confirmed.
     */
    void hangup();

    // Incoming calls.

    /**
     * Sends 180 Ringing (incoming calls); reliably (RFC 3262: RSeq, retransmitted until the caller's PRACK) when the
     * caller requires it, or supports it and {@link UserAgentConfig#reliableProvisionals()} is {@code REQUIRED}.
     */
    void ring();

    /**
     * Sends 183 Session Progress with this session description (an early answer, for early media), or without a
     * body when null (incoming calls). Sent reliably on the same terms as {@link #ring()}; a later {@link #answer}
     * then waits for the PRACK of a reliable 183 that carried a body (RFC 3262 §3).
     */
    void sessionProgress(Body earlyAnswer);

    /** Answers with 200 OK and this session description (an SDP answer), or without a body when null. */
    void answer(Body answer);

    /** Rejects an unanswered incoming call with a final response (e.g. 486, 603). */
    void reject(int status, String reason);

    /** Redirects an unanswered incoming call: 302 with one contact, 300 with several (§8.3). */
    void redirect(List<Uri> contacts);

    // In-dialog requests.

    /**
     * Sends a re-INVITE (target refresh, new offer) in the confirmed dialog. On 491 it retries after the §14.1
     * back-off. Completes with the final response.
     */
    CompletableFuture<SipResponse> reinvite(Body offer);

    /**
     * Sends an UPDATE (RFC 3311) in the early or confirmed dialog: a target refresh with a new offer, or without a
     * body (null) to refresh the session only. The peer answers at once; on 491 it is tried once more after the
     * back-off. Completes with the final response; fails at once when there is no dialog, or when {@code offer} is
     * given while another offer of ours (re-INVITE or UPDATE) is unanswered.
     */
    CompletableFuture<SipResponse> update(Body offer);

    /**
     * Sets what answers the offers the stack must answer by itself (in UPDATE, re-INVITE, PRACK, or our PRACK/ACK for
     * a call placed without an offer); see {@link OfferAnswerer}. Without one, such offers get our last session
     * description unchanged.
     */
    void answerOffersWith(OfferAnswerer answerer);

    /** Sends an INFO request (RFC 6086) in the dialog; completes with the final response. */
    CompletableFuture<SipResponse> sendInfo(Body body);

    // Transfer (RFC 3515, RFC 3891).

    /**
     * Blind transfer: sends REFER in the confirmed dialog with Refer-To {@code target} and Referred-By our address.
     * Returns the implicit subscription (event {@code refer}): each NOTIFY carries the referred INVITE's progress as
     * a {@code message/sipfrag} ({@link Notification#sipfragStatus()}: 100, 180, 200...), and it terminates after the
     * final one, or at once with the status as reason when the REFER fails (e.g. {@code 603}).
     */
    Subscription refer(Uri target);

    /**
     * Attended transfer: as {@link #refer(Uri)}, with {@code ?Replaces=} in the Refer-To naming {@code replaced}'s
     * dialog (RFC 3891 §5), so that the transfer target's new call replaces the one it has with us.
     */
    Subscription refer(Uri target, Call replaced);

    /** Receives REFERs in this call (RFC 3515 §2.4.2); without a listener they are declined with 603. */
    void onRefer(Consumer<IncomingRefer> listener);

    /**
     * For an incoming call whose INVITE carried Replaces (RFC 3891 §3): the call it replaces, which is hung up once
     * this one is confirmed; else null.
     */
    Call replaces();
}
