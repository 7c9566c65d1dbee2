package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.SubscriptionState;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transport.Transport;
import io.callisto.ua.Body;
import io.callisto.ua.IncomingSubscription;
import io.callisto.ua.Subscription;
import io.callisto.ua.dialog.Dialog;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * The notifier's usage of one subscription (RFC 6665 §4.2): made by a SUBSCRIBE (its own dialog) or by a REFER in a
 * call's dialog (RFC 3515 §2.4.4). It answers the creating request once the application decides, sends NOTIFYs one
 * at a time in order (§4.2.2), answers refreshes and unsubscribes (§4.2.1.2, each followed by a NOTIFY) and ends the
 * subscription at expiry with {@code terminated;reason=timeout}. Owned by the Call-ID's owner thread.
 */
final class NotifierUsage implements IncomingSubscription, EventUsage {

    /** The longest subscription we grant, in seconds; longer requests are shortened (§4.2.1.1). */
    static final long MAX_EXPIRES = 3600;

    private final UaCore core;
    private final Owner owner;
    private final Dialog dialog;
    private final Event event;
    private final ServerTransaction creating;
    private final SipRequest request;
    private final long requested;
    private final int acceptStatus;
    private final boolean ownsDialog;
    private final CompletableFuture<String> terminated = new CompletableFuture<>();
    private final ArrayDeque<SubscriptionState> queuedStates = new ArrayDeque<>();
    private final ArrayDeque<Body> queuedBodies = new ArrayDeque<>();
    private volatile State state = State.NEW;
    private Body lastBody;
    private boolean notifyInFlight;
    private boolean ended;
    private long expiresAtMillis;
    private Cancellable expiryTimer = Cancellable.NONE;

    /**
     * @param acceptStatus 200 for a SUBSCRIBE, 202 for a REFER (RFC 3515 §2.4.2)
     * @param ownsDialog   true when the dialog is this subscription's own (a SUBSCRIBE outside any dialog)
     */
    NotifierUsage(UaCore core, Dialog dialog, Event event, ServerTransaction creating, long requested,
                  int acceptStatus, boolean ownsDialog) {
        this.core = core;
        this.owner = core.ownerOf(dialog.id().callId());
        this.dialog = dialog;
        this.event = event;
        this.creating = creating;
        this.request = creating.request(); // the transaction lets go of it once answered
        this.requested = requested;
        this.acceptStatus = acceptStatus;
        this.ownsDialog = ownsDialog;
    }

    @Override
    public String event() {
        return event.type();
    }

    @Override
    public Uri subscriber() {
        return request.from().uri();
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public long requestedExpires() {
        return requested;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public CompletableFuture<String> terminated() {
        return terminated;
    }

    @Override
    public void accept(Body initialState) {
        owner.run(() -> decide(acceptStatus, Subscription.State.ACTIVE, initialState));
    }

    @Override
    public void acceptPending(Body initialState) {
        owner.run(() -> decide(202, Subscription.State.PENDING, initialState));
    }

    private void decide(int status, Subscription.State initial, Body body) {
        if (state != State.NEW) {
            return;
        }
        long granted = Math.min(requested, MAX_EXPIRES);
        SipResponse ok = core.response(request, status, null, ownsDialog ? dialog.id().localTag() : null);
        ok.set(Headers.CONTACT, core.contact(transportOf(creating), dialog.isSecure()));
        if (request.isMethod("SUBSCRIBE")) {
            ok.set(Headers.EXPIRES, granted); // §4.2.1.1: the 2xx says how long the subscription lasts
        }
        dialog.addUsage(this);
        if (ownsDialog) {
            core.dialogs().put(dialog);
        }
        creating.respond(ok);
        lastBody = body;
        state = initial == Subscription.State.PENDING ? State.PENDING : State.ACTIVE;
        if (granted == 0) {
            terminateWith(body, "timeout"); // a fetch (§4.4.3): one NOTIFY with the state, and the subscription is over
            return;
        }
        expireIn(granted);
        queue(currentState(), body); // §4.2.1.2: the initial NOTIFY is sent at once
    }

    @Override
    public void reject(int status, String reason) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 3xx-6xx status");
        }
        owner.run(() -> {
            if (state != State.NEW) {
                return;
            }
            creating.respond(core.response(request, status, reason,
                    ownsDialog ? dialog.id().localTag() : null));
            state = State.TERMINATED;
            ended = true;
            terminated.complete("rejected " + status);
        });
    }

    @Override
    public void notify(Body body, Subscription.State next) {
        owner.run(() -> {
            if (state == State.NEW || state == State.TERMINATED) {
                return;
            }
            if (next == Subscription.State.TERMINATED) {
                lastBody = body;
                terminate("noresource");
                return;
            }
            state = next == Subscription.State.PENDING ? State.PENDING : State.ACTIVE;
            lastBody = body;
            queue(currentState(), body);
        });
    }

    @Override
    public void terminate(String reason) {
        owner.run(() -> terminateWith(lastBody, reason));
    }

    /** Sends the final NOTIFY ({@code terminated;reason=reason}) with {@code body} and ends the subscription. */
    void terminateWith(Body body, String reason) {
        if (state == State.TERMINATED || state == State.NEW) {
            return;
        }
        state = State.TERMINATED;
        lastBody = body;
        queue(SubscriptionState.terminated(reason), body);
        end(reason);
    }

    /** Sends a NOTIFY with the current state (active or pending) and {@code body}, unless terminated. */
    void notifyCurrent(Body body) {
        if (state == State.ACTIVE || state == State.PENDING) {
            lastBody = body;
            queue(currentState(), body);
        }
    }

    private SubscriptionState currentState() {
        long left = Math.max(0, (expiresAtMillis - owner.nowMillis()) / 1000);
        return state == State.PENDING
                ? new SubscriptionState(SubscriptionState.PENDING,
                        io.callisto.sip.header.Parameters.ofPairs("expires", Long.toString(left)))
                : SubscriptionState.active(left);
    }

    private void expireIn(long seconds) {
        expiryTimer.cancel();
        expiresAtMillis = owner.nowMillis() + seconds * 1000;
        expiryTimer = owner.schedule(seconds * 1000, () -> terminateWith(lastBody, "timeout"));
    }

    // ---- NOTIFY sending: one at a time (§4.2.2) ----

    private void queue(SubscriptionState ss, Body body) {
        queuedStates.add(ss);
        queuedBodies.add(body == null ? NO_BODY : body);
        if (!notifyInFlight) {
            sendNext();
        }
    }

    private static final Body NO_BODY = new Body(io.callisto.sip.header.MediaType.parse("application/x-none"),
            new byte[0]);

    private void sendNext() {
        SubscriptionState ss = queuedStates.poll();
        Body body = queuedBodies.poll();
        if (ss == null) {
            notifyInFlight = false;
            return;
        }
        notifyInFlight = true;
        SipRequest notify = dialog.newRequest("NOTIFY", Branch.next());
        notify.set(Headers.EVENT, event);
        notify.set(Headers.SUBSCRIPTION_STATE, ss);
        notify.set(Headers.CONTACT, core.contact(UaCore.transportFor(dialog.remoteTarget()), dialog.isSecure()));
        notify.setHeader("User-Agent", core.config().userAgent());
        if (body != NO_BODY) {
            notify.setBody(body.type(), body.bytes());
        }
        RequestSender.send(core, notify, dialog::nextLocalSequence).whenComplete((r, e) -> {
            if (r == null || !r.isSuccess()) {
                // §4.2.2: a NOTIFY that fails (481, 408, any other error) removes the subscription
                queuedStates.clear();
                queuedBodies.clear();
                state = State.TERMINATED;
                end(r == null ? "NOTIFY failed" : "NOTIFY answered " + r.status());
            }
            sendNext();
        });
    }

    // ---- DialogUsage: SUBSCRIBE (refresh, unsubscribe) ----

    @Override
    public String receives() {
        return "SUBSCRIBE";
    }

    @Override
    public boolean matchesEvent(Event e) {
        return event.matches(e);
    }

    @Override
    public void onRequest(Dialog d, ServerTransaction tx) {
        SipRequest req = tx.request();
        if (state == State.TERMINATED || state == State.NEW) {
            core.reply(tx, 481, null);
            return;
        }
        long asked;
        try {
            Long e = req.first(Headers.EXPIRES);
            asked = e == null ? MAX_EXPIRES : e;
        } catch (ParseError e) {
            core.reply(tx, 400, "Bad Expires");
            return;
        }
        long granted = Math.min(asked, MAX_EXPIRES);
        d.refreshTarget(req); // §4.1.2.2: SUBSCRIBE is a target refresh request
        SipResponse ok = core.response(req, 200, null, null);
        ok.set(Headers.EXPIRES, granted);
        ok.set(Headers.CONTACT, core.contact(transportOf(tx), d.isSecure()));
        tx.respond(ok);
        if (granted == 0) {
            terminateWith(lastBody, "timeout"); // §4.2.1.3: unsubscribing ends with a NOTIFY terminated
        } else {
            expireIn(granted);
            queue(currentState(), lastBody); // §4.2.1.2: a NOTIFY follows every successful refresh
        }
    }

    private static Transport transportOf(ServerTransaction tx) {
        return tx.flow() != null ? tx.flow().transport() : Transport.UDP;
    }

    @Override
    public void onDialogTerminated(Dialog d) {
        state = State.TERMINATED;
        queuedStates.clear();
        queuedBodies.clear();
        end("dialog terminated");
    }

    private void end(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        expiryTimer.cancel();
        if (dialog.removeUsage(this) && ownsDialog) {
            core.dialogs().remove(dialog);
            dialog.terminate();
        }
        terminated.complete(reason);
    }
}
