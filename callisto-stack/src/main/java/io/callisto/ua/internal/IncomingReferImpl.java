package io.callisto.ua.internal;

import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.ReferSub;
import io.callisto.sip.header.Replaces;
import io.callisto.sip.message.ReasonPhrases;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.Body;
import io.callisto.ua.Call;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.IncomingRefer;
import io.callisto.ua.dialog.Dialog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * A REFER received in a call (RFC 3515 §2.4.2): checked (exactly one Refer-To, a readable Replaces in it), handed to
 * the call's REFER listener, then answered 202 with an implicit subscription (a {@link NotifierUsage} in the call's
 * dialog, event {@code refer;id=<CSeq>}, §2.4.6) whose NOTIFYs carry {@code message/sipfrag} status lines (§2.4.5),
 * or without one when the REFER says {@code Refer-Sub: false} (RFC 4488). Runs on the call's owner thread.
 */
final class IncomingReferImpl implements IncomingRefer {

    /** How long the implicit subscription lasts unless the referred call ends first, in seconds. */
    static final long REFER_EXPIRES = 180;
    static final MediaType SIPFRAG = MediaType.parse("message/sipfrag;version=2.0");

    private final CallBase call;
    private final Dialog dialog;
    private final ServerTransaction tx;
    private final SipRequest request;
    private final Uri target;
    private final Replaces replaces;
    private final NameAddress referredBy;
    private final boolean subscribe;
    private boolean decided;
    private NotifierUsage notifier;

    private IncomingReferImpl(CallBase call, Dialog dialog, ServerTransaction tx, Uri target, Replaces replaces,
                              NameAddress referredBy, boolean subscribe) {
        this.call = call;
        this.dialog = dialog;
        this.tx = tx;
        this.request = tx.request();
        this.target = target;
        this.replaces = replaces;
        this.referredBy = referredBy;
        this.subscribe = subscribe;
    }

    /** A REFER in {@code call}'s dialog {@code d}. */
    static void onRefer(CallBase call, Dialog d, ServerTransaction tx) {
        SipRequest req = tx.request();
        UaCore core = call.core;
        List<NameAddress> referTo;
        Replaces replaces = null;
        NameAddress referredBy;
        ReferSub referSub;
        try {
            referTo = req.all(Headers.REFER_TO);
            referredBy = req.first(Headers.REFERRED_BY);
            referSub = req.first(Headers.REFER_SUB);
            if (referTo.size() != 1) {
                core.reply(tx, 400, "Exactly One Refer-To Required"); // RFC 3515 §2.4.1
                return;
            }
            Uri t = referTo.get(0).uri();
            if (t instanceof SipUri s && s.header("Replaces") != null) {
                replaces = Headers.REPLACES.parse(s.header("Replaces")).get(0);
            }
        } catch (ParseError | IllegalArgumentException e) {
            core.reply(tx, 400, "Bad Refer-To");
            return;
        }
        Uri target = referTo.get(0).uri() instanceof SipUri s ? s.withoutHeaders() : referTo.get(0).uri();
        Consumer<IncomingRefer> l = call.referListener;
        if (l == null) {
            core.reply(tx, 603, "Decline");
            return;
        }
        l.accept(new IncomingReferImpl(call, d, tx, target, replaces, referredBy,
                referSub == null || referSub.value()));
    }

    static Body sipfrag(int status, String reason) {
        String line = "SIP/2.0 " + status + " " + (reason == null || reason.isEmpty() ? ReasonPhrases.of(status) : reason)
                + "\r\n";
        return new Body(SIPFRAG, line.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Call call() {
        return call;
    }

    @Override
    public Uri target() {
        return target;
    }

    @Override
    public Replaces replaces() {
        return replaces;
    }

    @Override
    public NameAddress referredBy() {
        return referredBy;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public void accept() {
        call.owner.run(this::doAccept);
    }

    private void doAccept() {
        if (decided) {
            return;
        }
        decided = true;
        if (!subscribe) {
            SipResponse r = call.core.response(request, 202, null, null);
            r.set(Headers.REFER_SUB, ReferSub.FALSE); // RFC 4488 §4: no implicit subscription, no NOTIFY
            tx.respond(r);
            return;
        }
        Event event = Event.of("refer").withId(Long.toString(request.cseq().number()));
        notifier = new NotifierUsage(call.core, dialog, event, tx, REFER_EXPIRES, 202, false);
        notifier.accept(sipfrag(100, "Trying")); // §2.4.5: the first NOTIFY
    }

    @Override
    public void reject(int status, String reason) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("a rejection is a 3xx-6xx status");
        }
        call.owner.run(() -> {
            if (!decided) {
                decided = true;
                call.core.reply(tx, status, reason);
            }
        });
    }

    @Override
    public void progress(int status, String reason) {
        call.owner.run(() -> {
            if (notifier == null) {
                return;
            }
            Body frag = sipfrag(status, reason);
            if (status >= 200) {
                notifier.terminateWith(frag, "noresource"); // §2.4.7: the final NOTIFY ends the subscription
            } else {
                notifier.notifyCurrent(frag);
            }
        });
    }

    @Override
    public Call acceptAndCall(Body offer) {
        accept();
        NameAddress by = referredBy != null ? referredBy : request.from().withoutParameter("tag");
        boolean[] answered = {false};
        return call.core.placeCall(target, NameAddress.of(target), offer, e -> {
            if (e.type() != CallEvent.Type.STATE_CHANGED) {
                return;
            }
            if (e.state() == CallState.RINGING || e.state() == CallState.EARLY) {
                progress(e.status(), null);
            } else if (e.state() == CallState.CONFIRMED) {
                answered[0] = true;
                progress(e.status() >= 200 && e.status() < 300 ? e.status() : 200, null);
            } else if (e.state() == CallState.TERMINATED && !answered[0]) {
                progress(e.status() >= 300 ? e.status() : 487, null);
            }
        }, invite -> {
            if (replaces != null) {
                invite.set(Headers.REPLACES, replaces); // RFC 3891 §5: the Refer-To's Replaces goes in the INVITE
            }
            invite.set(Headers.REFERRED_BY, by); // RFC 3892 §3
        });
    }
}
