package io.callisto.ua.internal;

import io.callisto.sip.header.Event;
import io.callisto.ua.dialog.DialogUsage;

/**
 * A subscription usage of a dialog (RFC 6665 §4.4.1: one per Event type and id). A dialog may carry several (and
 * an INVITE usage); {@link EventRouter} gives each SUBSCRIBE or NOTIFY to the one whose event it matches.
 */
interface EventUsage extends DialogUsage {

    /** True when an in-dialog request with this Event belongs to this subscription (§8.2.1, RFC 3515 §2.4.6). */
    boolean matchesEvent(Event event);

    /** The method this side receives: NOTIFY for a subscriber, SUBSCRIBE for a notifier. */
    String receives();

    @Override
    default boolean handles(String method) {
        return method.equals(receives());
    }
}
