package io.callisto.ua.internal;

import io.callisto.exec.Owner;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Replaces;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.CallEvent;
import io.callisto.ua.CallState;
import io.callisto.ua.dialog.Dialog;
import io.callisto.ua.dialog.DialogState;
import java.util.List;
import java.util.function.Consumer;

/**
 * An INVITE with Replaces (RFC 3891 §3): finds the dialog it names, decides whether it may be replaced, and once the
 * new call is confirmed ends the replaced one (BYE when confirmed, CANCEL when it is our early outgoing call).
 */
final class ReplacesMatcher {

    /** The outcome of matching: the call to replace, or the status to reject the INVITE with. */
    record Match(CallBase call, int status, String reason) {
    }

    private ReplacesMatcher() {
    }

    /**
     * The §3 table, on the owner thread of {@code r}'s Call-ID. The to-tag is compared with the local tag and the
     * from-tag with the remote tag, as if they were the tags of an incoming request.
     */
    static Match match(UaCore core, Replaces r) {
        Dialog d = core.dialogs().get(r.callId(), r.toTag(), r.fromTag());
        if (d == null || !(d.usageFor("INVITE") instanceof CallBase call)) {
            return new Match(null, 481, null); // no such dialog, or not one made by INVITE
        }
        if (d.state() == DialogState.TERMINATED || call.state() == CallState.TERMINATED) {
            return new Match(null, 603, "Declined"); // already over
        }
        if (d.state() == DialogState.CONFIRMED && r.earlyOnly()) {
            return new Match(null, 486, "Busy Here");
        }
        if (d.state() == DialogState.EARLY && !d.isUac()) {
            return new Match(null, 481, null); // an early dialog we did not initiate is left alone
        }
        return new Match(call, 0, null);
    }

    /**
     * An INVITE carrying Replaces: 400 when there is more than one or it is malformed; otherwise matched on the owner
     * of the replaced Call-ID, then back on the INVITE's owner either rejected or handed to {@code proceed}.
     */
    static void onInvite(UaCore core, ServerTransaction tx, Consumer<CallBase> proceed) {
        SipRequest req = tx.request();
        List<Replaces> all;
        try {
            all = req.all(Headers.REPLACES);
        } catch (ParseError e) {
            core.reply(tx, 400, "Bad Replaces");
            return;
        }
        if (all.size() != 1) {
            core.reply(tx, 400, "More Than One Replaces");
            return;
        }
        Replaces r = all.get(0);
        Owner home = core.ownerOf(req.callId());
        core.ownerOf(r.callId()).run(() -> {
            Match m = match(core, r);
            home.run(() -> {
                if (m.call() == null) {
                    core.reply(tx, m.status(), m.reason());
                } else {
                    proceed.accept(m.call());
                }
            });
        });
    }

    /** The new call replaces {@code old}: once it is confirmed, {@code old} is hung up (BYE or CANCEL, §3). */
    static void link(CallBase call, CallBase old) {
        call.replaced = old;
        call.addListener(e -> {
            if (e.type() == CallEvent.Type.STATE_CHANGED && e.state() == CallState.CONFIRMED) {
                old.hangup();
            }
        });
    }
}
