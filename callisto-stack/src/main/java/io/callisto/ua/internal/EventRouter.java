package io.callisto.ua.internal;

import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.IncomingSubscription;
import io.callisto.ua.dialog.Dialog;
import io.callisto.ua.dialog.DialogUsage;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * SUBSCRIBE and NOTIFY routing for the UA core (RFC 6665): a SUBSCRIBE outside a dialog goes to the application's
 * handler of its event package (489 Bad Event with Allow-Events when there is none, §4.2.1.1); one inside a dialog,
 * and every NOTIFY, goes to the dialog's subscription usage with a matching Event (481 when none, §4.1.3, §4.2.1.2);
 * a NOTIFY that arrives before its dialog exists goes to the SUBSCRIBE waiting for it (§4.1.2.4).
 */
final class EventRouter {

    private final UaCore core;
    private final Map<String, Consumer<IncomingSubscription>> notifiers = new ConcurrentHashMap<>();
    /** Per owner: our initial SUBSCRIBEs that may still see a NOTIFY make their dialog, by Call-ID. */
    private final Map<String, SubscribeClient>[] pending;

    @SuppressWarnings("unchecked")
    EventRouter(UaCore core, int owners) {
        this.core = core;
        this.pending = new Map[owners];
        for (int i = 0; i < owners; i++) {
            pending[i] = new HashMap<>();
        }
    }

    void onSubscribe(String eventPackage, Consumer<IncomingSubscription> handler) {
        if (handler == null) {
            notifiers.remove(eventPackage);
        } else {
            notifiers.put(eventPackage, handler);
        }
    }

    /** The event packages we are a notifier for, for Allow-Events (§8.2.2); null when none. */
    String allowEvents() {
        return notifiers.isEmpty() ? null : String.join(", ", new java.util.TreeSet<>(notifiers.keySet()));
    }

    private Map<String, SubscribeClient> pendingOf(String callId) {
        return pending[io.callisto.exec.Owners.indexOf(callId, pending.length)];
    }

    void pending(SubscribeClient client, boolean waiting) {
        if (waiting) {
            pendingOf(client.callId()).put(client.callId(), client);
        } else {
            pendingOf(client.callId()).remove(client.callId(), client);
        }
    }

    /** The Event header of {@code tx}'s request; answers 400 (and returns null) when it is missing or malformed. */
    private Event eventOf(ServerTransaction tx) {
        try {
            Event e = tx.request().first(Headers.EVENT);
            if (e != null) {
                return e;
            }
        } catch (ParseError err) {
            core.reply(tx, 400, "Bad Event Header");
            return null;
        }
        core.reply(tx, 400, "Missing Event Header"); // §8.2.1: SUBSCRIBE and NOTIFY carry exactly one Event
        return null;
    }

    /** A SUBSCRIBE outside any dialog: a new subscription for the handler of its event package (§4.2.1). */
    void onNewSubscribe(ServerTransaction tx) {
        Event event = eventOf(tx);
        if (event == null) {
            return;
        }
        SipRequest req = tx.request();
        Consumer<IncomingSubscription> handler = notifiers.get(event.eventPackage());
        if (handler == null) {
            SipResponse r = core.response(req, 489, "Bad Event", Ids.tag()); // §4.2.1.1, §8.3.2
            String allow = allowEvents();
            if (allow != null) {
                r.setHeader("Allow-Events", allow);
            }
            tx.respond(r);
            return;
        }
        long expires;
        try {
            Long e = req.first(Headers.EXPIRES);
            expires = e == null ? NotifierUsage.MAX_EXPIRES : e; // the package's default; we use one for all
        } catch (ParseError e) {
            core.reply(tx, 400, "Bad Expires");
            return;
        }
        Dialog d = Dialog.asUas(req, Ids.tag(), true); // §4.4.1: the 2xx (or a NOTIFY) makes the dialog
        handler.accept(new NotifierUsage(core, d, event, tx, expires, 200, true));
    }

    /**
     * A SUBSCRIBE or NOTIFY for an existing dialog (or, for NOTIFY, for a dialog about to be made): routed by Event.
     *
     * @return false when the request is not one for this router (no dialog and not a NOTIFY)
     */
    boolean onInDialog(Dialog dialog, ServerTransaction tx) {
        SipRequest req = tx.request();
        if (dialog == null) {
            SubscribeClient client = req.isMethod("NOTIFY") ? pendingOf(req.callId()).get(req.callId()) : null;
            if (client == null || !client.fromTag().equals(req.to().tag())) {
                return false;
            }
            client.onNotify(tx);
            return true;
        }
        if (!dialog.acceptRemoteSequence(req)) {
            core.reply(tx, 500, "CSeq Out Of Order");
            return true;
        }
        Event event = eventOf(tx);
        if (event == null) {
            return true;
        }
        for (DialogUsage u : dialog.usages()) {
            if (u instanceof EventUsage e && e.handles(req.method()) && e.matchesEvent(event)) {
                e.onRequest(dialog, tx);
                return true;
            }
        }
        core.reply(tx, 481, "Subscription Does Not Exist"); // §4.1.3, §4.2.1.2 (also a new event in a dialog)
        return true;
    }
}
