package io.callisto.ua;

import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Replaces;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;

/**
 * A REFER received in a call (RFC 3515), handed to the listener of {@link Call#onRefer}. The application accepts it
 * (202 and the first NOTIFY, {@code SIP/2.0 100 Trying}) and then reports the progress of what it does with
 * {@link #progress}, or lets {@link #acceptAndCall()} place the call and report it; or it rejects it (e.g. 603).
 * Without a listener a REFER is declined with 603. Methods may be called from any thread.
 */
public interface IncomingRefer {

    /** The call the REFER arrived in. */
    Call call();

    /** The Refer-To target without its URI headers (where to send the new INVITE). */
    Uri target();

    /** The Replaces of the Refer-To target ({@code ?Replaces=...}, RFC 3891 §5), or null for a blind transfer. */
    Replaces replaces();

    /** The Referred-By address (RFC 3892), or null. */
    NameAddress referredBy();

    /** The REFER itself. */
    SipRequest request();

    /** Accepts with 202 Accepted and sends the first NOTIFY ({@code SIP/2.0 100 Trying}, RFC 3515 §2.4.5). */
    void accept();

    /** Rejects with a 3xx-6xx final response, e.g. 603 Decline. */
    void reject(int status, String reason);

    /**
     * Reports the referred request's progress as a {@code message/sipfrag} NOTIFY ({@code SIP/2.0 status reason}); a
     * final status (200 and up) terminates the implicit subscription ({@code terminated;reason=noresource}).
     */
    void progress(int status, String reason);

    /**
     * Accepts, then places the new call to {@link #target()} (with Replaces and Referred-By when the Refer-To asks
     * for them) and reports its responses as sipfrag NOTIFYs: provisional ones, then the final one.
     *
     * @param offer the SDP offer of the new call, or null
     * @return the new call
     */
    Call acceptAndCall(Body offer);
}
