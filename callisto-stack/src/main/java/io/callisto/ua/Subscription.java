package io.callisto.ua;

import io.callisto.sip.message.SipResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The subscriber's side of one subscription (RFC 6665 §4.1): one dialog with a notifier, made by a SUBSCRIBE of
 * {@link UserAgent#subscribe} or by a REFER ({@link Call#refer}, RFC 3515). The stack refreshes it before it expires
 * (§4.1.2.2), answers every NOTIFY and hands it to the listeners. A SUBSCRIBE that forks may make several
 * subscriptions, one per notifier dialog (§4.1.3): the first is the one returned, the others reach
 * {@link #onFork}. Methods may be called from any thread; listeners run on the subscription's owner thread.
 */
public interface Subscription {

    /** Where a subscription stands (the Subscription-State of the last NOTIFY, RFC 6665 §4.1.3). */
    enum State {
        /** No NOTIFY yet, or the notifier has not authorized the subscription (Subscription-State: pending). */
        PENDING,
        /** The notifier sends state (Subscription-State: active). */
        ACTIVE,
        /** Ended: by the notifier, an error, expiry or {@link #unsubscribe()}; see {@link #reason()}. */
        TERMINATED
    }

    /** The event package, e.g. {@code presence} or {@code refer}. */
    String event();

    /** The Call-ID of the subscription's dialog. */
    String callId();

    State state();

    /** Seconds left before the subscription expires as last granted (0 once terminated or before any grant). */
    long expires();

    /**
     * Why it ended: the reason parameter of the terminating NOTIFY (e.g. {@code timeout}, {@code noresource},
     * {@code rejected}), the status of a failed SUBSCRIBE or REFER (e.g. {@code 489}), or a local cause; null while
     * not terminated.
     */
    String reason();

    /** Sends a refreshing SUBSCRIBE (§4.1.2.2) now; completes with its final response. */
    CompletableFuture<SipResponse> refresh();

    /** Ends the subscription: SUBSCRIBE with Expires: 0 (§4.1.2.3); {@link #terminated()} completes on the last NOTIFY. */
    void unsubscribe();

    /** Receives every NOTIFY of this subscription (after it was answered 200). Add it before the first can arrive. */
    void addListener(Consumer<Notification> listener);

    /** Receives the other subscriptions made by a forked SUBSCRIBE (§4.1.3). */
    void onFork(Consumer<Subscription> listener);

    /** Completes with this subscription once it is terminated. */
    CompletableFuture<Subscription> terminated();
}
