package io.callisto.ua;

import io.callisto.sip.header.SubscriptionState;
import io.callisto.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;

/**
 * A NOTIFY received for a {@link Subscription} (RFC 6665 §4.1.3).
 *
 * @param subscription the subscription it belongs to
 * @param state        its Subscription-State (state, expires, reason)
 * @param body         its body (the event state, a {@code message/sipfrag} for REFER), or null
 * @param request      the NOTIFY itself
 */
public record Notification(Subscription subscription, SubscriptionState state, Body body, SipRequest request) {

    /**
     * For a REFER's NOTIFY (RFC 3515 §2.4.5): the status code of the {@code message/sipfrag} status line, e.g. 100,
     * 180 or 200; -1 when the body is not a sipfrag status line.
     */
    public int sipfragStatus() {
        if (body == null) {
            return -1;
        }
        String text = new String(body.bytes(), StandardCharsets.UTF_8);
        if (!text.startsWith("SIP/2.0 ") || text.length() < 11) {
            return -1;
        }
        String code = text.substring(8, 11);
        return code.chars().allMatch(Character::isDigit) ? Integer.parseInt(code) : -1;
    }
}
