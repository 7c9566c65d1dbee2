package io.callisto.ua.internal;

import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.dialog.Dialog;

/**
 * The initial SUBSCRIBE of a subscription (RFC 6665 §4.1.2.1) until its dialogs exist: the 2xx makes the dialog of
 * the returned subscription; a NOTIFY that arrives first makes it too (§4.1.2.4), and NOTIFYs from other To tags make
 * further subscriptions, one per fork (§4.1.3), for 64*T1 after the final response. Runs on the Call-ID's owner.
 */
final class SubscribeClient {

    private final UaCore core;
    private final SubscriberUsage primary;
    private final Event event;
    private SipRequest subscribe;
    private long lastCSeq;
    private boolean done;

    private SubscribeClient(UaCore core, SubscriberUsage primary, Event event) {
        this.core = core;
        this.primary = primary;
        this.event = event;
    }

    /** Sends a SUBSCRIBE for {@code event} to {@code target}; returns the (first) subscription at once. */
    static SubscriberUsage start(UaCore core, Uri target, Event event, String accept, long expires) {
        String callId = Ids.callId(null);
        SubscriberUsage usage = new SubscriberUsage(core, callId, event, event::matches, accept, expires, true);
        SubscribeClient client = new SubscribeClient(core, usage, event);
        usage.owner.run(() -> client.send(target, accept, expires));
        return usage;
    }

    private void send(Uri target, String accept, long expires) {
        lastCSeq = UaCore.initialCSeq();
        subscribe = core.newRequest("SUBSCRIBE", target, NameAddress.of(target), primary.callId(), Ids.tag(),
                lastCSeq);
        SubscriberUsage.decorate(core, subscribe, event, accept, expires, "sips".equals(target.scheme()),
                UaCore.transportFor(TargetResolver.nextHop(subscribe)));
        core.pendingSubscribe(this, true);
        long[] next = {lastCSeq};
        RequestSender.send(core, subscribe, () -> lastCSeq = ++next[0]).whenComplete((r, e) -> onFinal(r));
    }

    String callId() {
        return primary.callId();
    }

    String fromTag() {
        return subscribe.from().tag();
    }

    private void onFinal(SipResponse r) {
        if (r == null || !r.isSuccess() || r.to().tag() == null) {
            stopWaiting();
            if (primary.dialog == null) {
                primary.failed(r);
            }
            return;
        }
        SubscriberUsage usage = forTag(r.to().tag(), r);
        usage.granted(r);
        // §4.1.3: NOTIFYs from other forks may still come; keep matching them for a while
        core.ownerOf(callId()).schedule(core.stack().timers().t1x64(), this::stopWaiting);
    }

    private void stopWaiting() {
        if (!done) {
            done = true;
            core.pendingSubscribe(this, false);
        }
    }

    /**
     * The subscription of the dialog with remote tag {@code tag}: the existing one, the returned one if it has no
     * dialog yet, else a new fork made by {@code creator} (a 2xx or a NOTIFY).
     */
    private SubscriberUsage forTag(String tag, io.callisto.sip.message.SipMessage creator) {
        Dialog existing = core.dialogs().get(callId(), fromTag(), tag);
        if (existing != null) {
            for (var u : existing.usages()) {
                if (u instanceof SubscriberUsage s) {
                    return s;
                }
            }
        }
        Dialog d = Dialog.asSubscriber(subscribe, creator, lastCSeq);
        if (primary.dialog == null && !primary.terminated().isDone()) {
            primary.attach(d);
            return primary;
        }
        SubscriberUsage fork = primary.fork();
        fork.attach(d);
        primary.fireFork(fork);
        return fork;
    }

    /**
     * A NOTIFY with our From tag as its To tag and no dialog yet (§4.1.2.4, §4.1.3): it makes the dialog; one whose
     * Event does not match gets 481.
     */
    void onNotify(ServerTransaction tx) {
        SipRequest notify = tx.request();
        Event e;
        try {
            e = notify.first(Headers.EVENT);
        } catch (io.callisto.sip.parse.ParseError err) {
            e = null;
        }
        if (e == null || !event.matches(e) || notify.from().tag() == null) {
            core.reply(tx, 481, null);
            return;
        }
        SubscriberUsage usage = forTag(notify.from().tag(), notify);
        usage.onRequest(usage.dialog, tx);
    }
}
