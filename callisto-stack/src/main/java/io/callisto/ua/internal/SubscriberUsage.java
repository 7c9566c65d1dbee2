package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.SubscriptionState;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.Body;
import io.callisto.ua.Notification;
import io.callisto.ua.Subscription;
import io.callisto.ua.dialog.Dialog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriber's usage of one subscription dialog (RFC 6665 §4.1), for SUBSCRIBE-made subscriptions and for the
 * implicit subscription of a REFER (RFC 3515 §2.4.4). It answers NOTIFYs, follows their Subscription-State,
 * refreshes before expiry (§4.1.2.2) and unsubscribes (§4.1.2.3). Owned by the Call-ID's owner thread; public
 * methods post to it.
 */
final class SubscriberUsage implements Subscription, EventUsage {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberUsage.class);

    final UaCore core;
    final Owner owner;
    private final String callId;
    private final Event event;
    private final Predicate<Event> matcher;
    /** Headers of our SUBSCRIBE refreshes (Accept), or null for a REFER subscription, which we do not refresh. */
    private final String accept;
    private final long requestedExpires;
    private final List<Consumer<Notification>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Subscription>> forkListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Subscription> terminated = new CompletableFuture<>();
    private final boolean refreshes;
    Dialog dialog;
    private volatile State state = State.PENDING;
    private volatile long expiresAtMillis = -1;
    private volatile String reason;
    private boolean notified;
    private boolean unsubscribing;
    private Cancellable refreshTimer = Cancellable.NONE;
    private Cancellable expiryTimer = Cancellable.NONE;
    private Cancellable waitTimer = Cancellable.NONE;

    SubscriberUsage(UaCore core, String callId, Event event, Predicate<Event> matcher, String accept,
                    long requestedExpires, boolean refreshes) {
        this.core = core;
        this.callId = callId;
        this.owner = core.ownerOf(callId);
        this.event = event;
        this.matcher = matcher;
        this.accept = accept;
        this.requestedExpires = requestedExpires;
        this.refreshes = refreshes;
    }

    /** A subscription of another fork of the same SUBSCRIBE (§4.1.3), with the same event and refresh policy. */
    SubscriberUsage fork() {
        return new SubscriberUsage(core, callId, event, matcher, accept, requestedExpires, refreshes);
    }

    /** Makes {@code d} this subscription's dialog and puts it in the dialog table. */
    void attach(Dialog d) {
        dialog = d;
        d.addUsage(this);
        core.dialogs().put(d);
    }

    void fireFork(Subscription s) {
        for (Consumer<Subscription> l : forkListeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("fork listener failed", e);
            }
        }
    }

    // ---- Subscription ----

    @Override
    public String event() {
        return event.type();
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public long expires() {
        long at = expiresAtMillis;
        if (at < 0 || state == State.TERMINATED) {
            return 0;
        }
        return Math.max(0, (at - owner.nowMillis() + 999) / 1000);
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public void addListener(Consumer<Notification> listener) {
        listeners.add(listener);
    }

    @Override
    public void onFork(Consumer<Subscription> listener) {
        forkListeners.add(listener);
    }

    @Override
    public CompletableFuture<Subscription> terminated() {
        return terminated;
    }

    @Override
    public CompletableFuture<SipResponse> refresh() {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        owner.run(() -> {
            if (dialog == null || state == State.TERMINATED || !refreshes) {
                f.completeExceptionally(new IllegalStateException(state == State.TERMINATED ? "terminated"
                        : dialog == null ? "no dialog yet" : "a REFER subscription is not refreshed"));
                return;
            }
            sendSubscribe(requestedExpires).whenComplete((r, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(r);
                }
            });
        });
        return f;
    }

    @Override
    public void unsubscribe() {
        owner.run(() -> {
            if (state == State.TERMINATED || unsubscribing) {
                return;
            }
            if (dialog == null || !refreshes) {
                end("unsubscribed"); // no dialog to send in (or a REFER's): just stop listening
                return;
            }
            unsubscribing = true;
            refreshTimer.cancel();
            sendSubscribe(0);
            // §4.1.2.3: the notifier answers with a NOTIFY terminated; wait for it, but not for ever
            waitTimer.cancel();
            waitTimer = owner.schedule(core.stack().timers().t1x64(), () -> end("unsubscribed"));
        });
    }

    /** A refreshing or unsubscribing SUBSCRIBE in the dialog (§4.1.2.2, §4.1.2.3). */
    private CompletableFuture<SipResponse> sendSubscribe(long expires) {
        Dialog d = dialog;
        SipRequest req = d.newRequest("SUBSCRIBE", Branch.next());
        decorate(core, req, event, accept, expires, d.isSecure(), UaCore.transportFor(d.remoteTarget()));
        return RequestSender.send(core, req, d::nextLocalSequence).whenComplete((r, e) -> {
            if (r != null) {
                onRefreshResponse(r, expires);
            }
        });
    }

    /** Event, Expires, Accept, Contact and User-Agent of a SUBSCRIBE of ours. */
    static void decorate(UaCore core, SipRequest req, Event event, String accept, long expires, boolean secure,
                         io.callisto.transport.Transport transport) {
        req.set(Headers.EVENT, event);
        req.set(Headers.EXPIRES, expires);
        if (accept != null) {
            req.setHeader("Accept", accept);
        }
        req.set(Headers.CONTACT, core.contact(transport, secure));
        req.setHeader("User-Agent", core.config().userAgent());
    }

    private void onRefreshResponse(SipResponse r, long asked) {
        if (state == State.TERMINATED) {
            return;
        }
        if (r.isSuccess()) {
            if (asked > 0) {
                granted(r);
            }
        } else if (r.status() == 481 || unsubscribing) {
            end(String.valueOf(r.status())); // §4.1.2.2: 481 ends it; other errors leave it until it expires
        }
    }

    /**
     * The 2xx to our SUBSCRIBE or REFER (§4.1.2.1): its Expires is the granted duration (absent for a REFER); a NOTIFY
     * must follow within 64*T1 (§4.1.2.4) or the subscription is considered failed.
     */
    void granted(SipResponse ok) {
        Long expires = null;
        try {
            expires = ok.first(Headers.EXPIRES);
        } catch (ParseError e) {
            LOG.debug("bad Expires in {}: {}", ok.callId(), e.getMessage());
        }
        if (expires != null) {
            schedule(expires);
        }
        if (!notified && state != State.TERMINATED) {
            waitTimer.cancel();
            waitTimer = owner.schedule(core.stack().timers().t1x64(), () -> {
                if (!notified) {
                    end("no NOTIFY");
                }
            });
        }
    }

    /** The SUBSCRIBE or REFER failed before any dialog was made. */
    void failed(SipResponse r) {
        end(r == null ? "failed" : String.valueOf(r.status()));
    }

    /** Sets the expiry {@code seconds} from now, with a refresh before it (about 32 s before, or half-way). */
    private void schedule(long seconds) {
        refreshTimer.cancel();
        expiryTimer.cancel();
        long ms = seconds * 1000;
        expiresAtMillis = owner.nowMillis() + ms;
        if (seconds == 0) {
            return; // a fetch (§4.4.3) or an unsubscribe: the terminating NOTIFY is awaited (waitTimer)
        }
        // The notifier ends it at expiry with a NOTIFY (terminated;reason=timeout); give that NOTIFY time to come.
        expiryTimer = owner.schedule(ms + core.stack().timers().t1x64(), () -> end("expired"));
        if (refreshes && seconds > 0 && !unsubscribing) {
            long before = ms > 64_000 ? ms - 32_000 : ms / 2;
            refreshTimer = owner.schedule(before, () -> {
                if (state != State.TERMINATED && !unsubscribing) {
                    sendSubscribe(requestedExpires);
                }
            });
        }
    }

    // ---- DialogUsage: NOTIFY ----

    @Override
    public String receives() {
        return "NOTIFY";
    }

    @Override
    public boolean matchesEvent(Event e) {
        return matcher.test(e);
    }

    @Override
    public void onRequest(Dialog d, ServerTransaction tx) {
        SipRequest req = tx.request();
        SubscriptionState ss;
        try {
            ss = req.first(Headers.SUBSCRIPTION_STATE);
        } catch (ParseError e) {
            core.reply(tx, 400, "Bad Subscription-State");
            return;
        }
        if (ss == null) {
            core.reply(tx, 400, "Missing Subscription-State"); // §4.1.3
            return;
        }
        if (state == State.TERMINATED) {
            core.reply(tx, 481, null);
            return;
        }
        d.refreshTarget(req); // §4.1.3: NOTIFY is a target refresh request
        core.reply(tx, 200, null);
        notified = true;
        waitTimer.cancel();
        if (ss.isTerminated()) {
            state = State.TERMINATED;
            reason = ss.reason() != null ? ss.reason() : "terminated"; // kept even if a listener ends the dialog
        } else if (ss.isActive()) {
            state = State.ACTIVE;
        } else {
            state = State.PENDING; // pending, or an unknown state: no state information to rely on
        }
        if (!ss.isTerminated() && ss.expires() >= 0 && !unsubscribing) {
            schedule(ss.expires()); // §4.1.3: the expires of Subscription-State adjusts the subscription's duration
        }
        Body body = req.bodyLength() > 0 && req.contentType() != null ? new Body(req.contentType(), req.body()) : null;
        Notification n = new Notification(this, ss, body, req);
        for (Consumer<Notification> l : listeners) {
            try {
                l.accept(n);
            } catch (RuntimeException e) {
                LOG.warn("NOTIFY listener failed", e);
            }
        }
        if (ss.isTerminated()) {
            end(reason);
        }
    }

    @Override
    public void onDialogTerminated(Dialog d) {
        dialog = null;
        end("dialog terminated");
    }

    /** Ends the subscription: timers stop, the usage leaves its dialog (which ends when it was the last usage). */
    void end(String why) {
        if (terminated.isDone()) {
            return;
        }
        if (state != State.TERMINATED || reason == null) {
            reason = why;
        }
        state = State.TERMINATED;
        refreshTimer.cancel();
        expiryTimer.cancel();
        waitTimer.cancel();
        Dialog d = dialog;
        if (d != null && d.removeUsage(this)) {
            core.dialogs().remove(d);
            d.terminate();
        }
        terminated.complete(this);
    }
}
