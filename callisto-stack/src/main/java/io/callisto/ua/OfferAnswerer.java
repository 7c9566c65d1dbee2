package io.callisto.ua;

/**
 * Answers the session offers (RFC 3264) that reach a call where the stack must put the answer in its own message,
 * without waiting for the application: an offer in an UPDATE (its 200, RFC 3311 §5.2), in a re-INVITE (its 200,
 * RFC 3261 §14.2), in a PRACK (its 200, RFC 3262 §5), and, for a call we placed without an offer, the offer in a
 * reliable provisional response (our PRACK) or in the 2xx (our ACK, RFC 3261 §13.2.2.4).
 *
 * <p>Runs on the call's owner thread and must not block. Set one per call with {@link Call#answerOffersWith}; a call
 * without one answers with the session description it last sent (unchanged), which suits a UA that carries no
 * media.
 */
@FunctionalInterface
public interface OfferAnswerer {

    /**
     * The answer to {@code offer}, or null when it cannot be accepted: an UPDATE or re-INVITE is then rejected with
     * 488 Not Acceptable Here (RFC 3311 §5.2, RFC 3261 §14.2); in a PRACK or ACK, where no rejection exists, the
     * message goes without a body and the application should end the call.
     */
    Body answer(Call call, Body offer);
}
