package io.callisto.ua.internal;

import io.callisto.sip.header.Event;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Replaces;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.Branch;
import io.callisto.ua.Call;
import io.callisto.ua.CallState;
import io.callisto.ua.Subscription;
import io.callisto.ua.dialog.Dialog;

/**
 * Our REFER in a call's dialog (RFC 3515 §2.4): Refer-To the transfer target, with {@code ?Replaces=} naming another
 * call's dialog for an attended transfer (RFC 3891 §5), and Referred-By (RFC 3892). The 202 starts the implicit
 * subscription (event {@code refer}, §2.4.4), a {@link SubscriberUsage} in the same dialog whose NOTIFYs carry the
 * referred request's progress as {@code message/sipfrag}. Runs on the call's owner thread.
 */
final class ReferClient {

    private final CallBase call;
    private final SubscriberUsage usage;
    /** CSeq of our first REFER, and of the one that got the 2xx (-1 until then): the id of its NOTIFYs (§2.4.6). */
    private long firstCSeq = -1;
    private long acceptedCSeq = -1;

    private ReferClient(CallBase call) {
        this.call = call;
        this.usage = new SubscriberUsage(call.core, call.callId, Event.of("refer"), this::matches, null, 0, false);
    }

    /** Sends REFER in {@code call} to {@code target}, replacing {@code replaced}'s dialog when not null. */
    static Subscription send(CallBase call, Uri target, Call replaced) {
        ReferClient c = new ReferClient(call);
        if (replaced == null) {
            call.owner.run(() -> c.send(target, null));
        } else if (replaced instanceof CallBase other) {
            // The other call's dialog belongs to its own owner thread: read it there, then come back.
            other.owner.run(() -> {
                Replaces r = replacesFor(other);
                call.owner.run(() -> c.send(target, r));
            });
        } else {
            throw new IllegalArgumentException("not a call of this stack: " + replaced);
        }
        return c.usage;
    }

    /**
     * RFC 3891 §5: the Replaces for an INVITE the transfer target will receive for {@code other}'s dialog, so its
     * to-tag is that party's tag (our remote tag) and its from-tag ours. Null when the call has no dialog.
     */
    private static Replaces replacesFor(CallBase other) {
        Dialog d = other.dialog;
        if (d == null || other.state() == CallState.TERMINATED) {
            return null;
        }
        return Replaces.of(other.callId, d.id().remoteTag(), d.id().localTag(), false);
    }

    private boolean matches(Event e) {
        if (!"refer".equals(e.type())) {
            return false;
        }
        String id = e.id();
        if (id == null) {
            return true; // §2.4.6: the first REFER of a dialog may be notified without an id
        }
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException x) {
            return false;
        }
        if (acceptedCSeq >= 0) {
            return n == acceptedCSeq;
        }
        Dialog d = usage.dialog;
        return firstCSeq >= 0 && n >= firstCSeq && d != null && n <= d.localSeq();
    }

    private void send(Uri target, Replaces replaces) {
        Dialog d = call.dialog;
        if (d == null || call.state() != CallState.CONFIRMED) {
            usage.end("no confirmed dialog to send REFER in");
            return;
        }
        Uri referTo = target;
        if (replaces != null) {
            if (!(target instanceof SipUri s)) {
                usage.end("Replaces needs a SIP target");
                return;
            }
            referTo = s.withHeader("Replaces", replaces.toString());
        }
        SipRequest refer = d.newRequest("REFER", Branch.next());
        refer.set(Headers.REFER_TO, NameAddress.of(referTo));
        refer.set(Headers.REFERRED_BY, call.core.config().address());
        refer.set(Headers.CONTACT, call.core.contact(UaCore.transportFor(d.remoteTarget()), d.isSecure()));
        refer.setHeader("User-Agent", call.core.config().userAgent());
        firstCSeq = refer.cseq().number();
        usage.attach(d); // before sending: the first NOTIFY may overtake the 202
        RequestSender.send(call.core, refer, d::nextLocalSequence).whenComplete((r, e) -> {
            if (r != null && r.isSuccess()) {
                acceptedCSeq = r.cseq().number();
                usage.granted(r);
            } else {
                usage.failed(r); // e.g. 603 Decline, 405: no subscription (§2.4.2)
            }
        });
    }
}
