package io.callisto.ua;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.Uri;
import java.util.concurrent.CompletableFuture;

/**
 * The notifier's side of one subscription (RFC 6665 §4.2), handed to the listener of
 * {@link UserAgent#onSubscribe}. The application decides once: {@link #accept} (200 and the initial NOTIFY with
 * Subscription-State active, which §4.2.1.2 makes mandatory), {@link #acceptPending} (202 and a NOTIFY with state
 * pending) or {@link #reject}. Then it sends state changes with {@link #notify(Body, Subscription.State)} and ends
 * with {@link #terminate}. The stack answers refreshes (each followed by a NOTIFY with the current state), an
 * unsubscribe (Expires: 0) and expiry with a NOTIFY {@code terminated;reason=timeout}. Methods may be called from
 * any thread.
 */
public interface IncomingSubscription {

    /** The event package, e.g. {@code presence}. */
    String event();

    /** The subscriber's address (From of the SUBSCRIBE). */
    Uri subscriber();

    /** The request that made the subscription (SUBSCRIBE, or the REFER of an implicit subscription). */
    SipRequest request();

    /** The expiry the subscriber asked for, in seconds (0 for a fetch, §4.4.3). */
    long requestedExpires();

    State state();

    /** Accepts with 200 and sends the initial NOTIFY (active) with {@code initialState} (null: no body). */
    void accept(Body initialState);

    /** Accepts with 202 and sends the initial NOTIFY with Subscription-State pending (authorization to come). */
    void acceptPending(Body initialState);

    /** Rejects the SUBSCRIBE with a 3xx-6xx final response (e.g. 403, 489). */
    void reject(int status, String reason);

    /** Sends a NOTIFY with {@code body} (null: none) and the state ACTIVE or PENDING; NOTIFYs go out one at a time. */
    void notify(Body body, Subscription.State state);

    /** Sends the final NOTIFY ({@code terminated;reason=reason}, with the last body sent) and ends the subscription. */
    void terminate(String reason);

    /** Completes with the reason once the subscription is terminated (by either side, or expiry). */
    CompletableFuture<String> terminated();

    /** Where the notifier side stands. */
    enum State {
        /** Not yet accepted or rejected. */
        NEW,
        PENDING,
        ACTIVE,
        TERMINATED
    }
}
