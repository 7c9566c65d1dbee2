package io.callisto.cli.phone;

import io.callisto.sip.uri.Uri;
import io.callisto.ua.Call;
import io.callisto.ua.IncomingRefer;
import io.callisto.ua.Notification;
import io.callisto.ua.Subscription;

/**
 * Call transfer for the phone: blind (REFER, RFC 3515) and attended (REFER with Replaces, RFC 3891) as the
 * transferor, and the transferee's side of a REFER received. The transferor ends its call once the NOTIFYs report
 * that the new call was answered (RFC 5589 §6.1), and prints every sipfrag status in between.
 */
final class Transfers {

    private final Phone phone;

    Transfers(Phone phone) {
        this.phone = phone;
    }

    /** {@code transfer <uri>}: asks the peer of {@code line} to call {@code uri}. */
    void blind(Line line, String uri) {
        requireConfirmed(line);
        Subscription s = line.call.refer(Uri.parse(uri));
        phone.event("transfer", "call", Phone.num(line), "to", uri, "kind", "blind");
        follow(line, s);
    }

    /** {@code attended n m}: asks the peer of {@code line} to call the peer of {@code other}, replacing that call. */
    void attended(Line line, Line other) {
        requireConfirmed(line);
        requireConfirmed(other);
        Call replaced = other.call;
        Subscription s = line.call.refer(replaced.remoteUri(), replaced);
        phone.event("transfer", "call", Phone.num(line), "to", String.valueOf(replaced.remoteUri()), "kind",
                "attended", "replaces", Phone.num(other));
        follow(line, s);
    }

    private void follow(Line line, Subscription s) {
        s.addListener(n -> progress(line, n));
        s.terminated().thenAccept(ended -> {
            if (line.isUp() && !"noresource".equals(ended.reason())) {
                // Ended without a final sipfrag, e.g. the REFER itself was refused (its status is the reason).
                phone.event("transfer-failed", "call", Phone.num(line), "reason", String.valueOf(ended.reason()));
            }
        });
    }

    private void progress(Line line, Notification n) {
        int status = n.sipfragStatus();
        phone.event("transfer-progress", "call", Phone.num(line), "status", String.valueOf(status));
        if (status >= 200 && status < 300) {
            phone.event("transferred", "call", Phone.num(line));
            line.call.hangup();
        } else if (status >= 300) {
            phone.event("transfer-failed", "call", Phone.num(line), "reason", String.valueOf(status));
        }
    }

    /** The transferee's side: accept the REFER and place the new call, reporting its progress to the referrer. */
    void incoming(Line line, IncomingRefer refer) {
        String target = String.valueOf(refer.target());
        phone.event("refer-received", "call", Phone.num(line), "to", target, "replaces",
                refer.replaces() != null ? "yes" : "no");
        phone.media().open().whenComplete((media, failure) -> {
            if (failure != null) {
                refer.reject(503, "No media ports");
                phone.event("error", "reason", "no media for the transfer: " + Phone.rootMessage(failure));
                return;
            }
            Call call = refer.acceptAndCall(media.offer());
            phone.adopt(call, target, true, media);
        });
    }

    private static void requireConfirmed(Line line) {
        if (line.state() != Line.State.CONFIRMED) {
            throw new IllegalArgumentException("call " + line.number + " is not confirmed");
        }
    }
}
