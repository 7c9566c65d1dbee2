package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.ua.Registration;
import io.callisto.ua.RegistrationException;
import java.util.concurrent.CompletableFuture;

/**
 * A UA's registration (§10.2): one Call-ID for all its REGISTERs with increasing CSeq (§10.2.4), the granted expiry
 * read from our Contact's {@code expires} or the Expires header (§10.2.4), refresh before it runs out, 423 Interval
 * Too Brief answered with the registrar's Min-Expires (§10.2.8), digest challenges answered, and removal with
 * {@code Expires: 0} (§10.2.2).
 */
final class RegistrationImpl implements Registration {

    /** Retry a failed refresh after this long (seconds). */
    private static final int RETRY_SECONDS = 30;

    private final UaCore core;
    private final Uri aor;
    private final SipUri registrarUri;
    private final String callId = Ids.callId(null);
    private final String fromTag = Ids.tag();
    private final Owner owner;
    private final CompletableFuture<Registration> first = new CompletableFuture<>();
    private long cseq = UaCore.initialCSeq();
    private int requested;
    private volatile int granted;
    private volatile boolean registered;
    private boolean removing;
    private Cancellable refresh = Cancellable.NONE;

    RegistrationImpl(UaCore core, int expires) {
        this.core = core;
        this.aor = core.config().address().uri();
        SipUri a = (SipUri) aor;
        this.registrarUri = SipUri.builder().secure(a.secure()).host(a.host()).port(a.port()).build(); // §10.2
        this.owner = core.ownerOf(callId);
        this.requested = expires;
    }

    void start() {
        owner.run(() -> send(requested));
    }

    @Override
    public Uri addressOfRecord() {
        return aor;
    }

    @Override
    public boolean isRegistered() {
        return registered;
    }

    @Override
    public int grantedExpires() {
        return granted;
    }

    @Override
    public CompletableFuture<Registration> registered() {
        return first;
    }

    private void send(int expires) {
        SipRequest req = core.newRequest("REGISTER", registrarUri, NameAddress.of(aor), callId, fromTag, ++cseq);
        NameAddress contact = core.contact(UaCore.transportFor(registrarUri), registrarUri.secure());
        req.set(Headers.CONTACT, contact);
        req.setHeader("Expires", String.valueOf(expires));
        RequestSender.send(core, req, () -> ++cseq, core.config().registrar())
                .whenComplete((r, e) -> owner.run(() -> onResponse(r, e, expires, contact)));
    }

    private void onResponse(SipResponse r, Throwable e, int expires, NameAddress contact) {
        if (e != null || r == null) {
            fail(500, e == null ? "no response" : e.toString());
            return;
        }
        if (removing) {
            return;
        }
        if (r.isSuccess()) {
            granted = grantedExpires(r, contact, expires);
            registered = granted > 0;
            first.complete(this);
            if (granted > 0) {
                // Refresh with a margin: half way for short expiries, 30 s early otherwise.
                long refreshIn = granted > 60 ? granted - 30L : Math.max(1, granted / 2L);
                refresh = owner.schedule(refreshIn * 1000, () -> send(requested));
            }
        } else if (r.status() == 423 && r.header("Min-Expires") != null) {
            try {
                requested = Integer.parseInt(r.header("Min-Expires").trim());
                send(requested);
            } catch (NumberFormatException bad) {
                fail(423, "423 with a malformed Min-Expires");
            }
        } else {
            fail(r.status(), r.status() + " " + r.reason());
        }
    }

    private void fail(int status, String reason) {
        registered = false;
        if (!first.isDone()) {
            first.completeExceptionally(new RegistrationException(status, reason));
        } else if (!removing) {
            refresh = owner.schedule(RETRY_SECONDS * 1000L, () -> send(requested));
        }
    }

    /** §10.2.4: the expiry of our binding: our Contact's expires parameter in the 2xx, else Expires, else asked. */
    static int grantedExpires(SipResponse r, NameAddress ours, int asked) {
        for (NameAddress c : r.contacts()) {
            if (!c.isWildcard() && c.uri().equivalent(ours.uri())) {
                String e = c.parameters().get("expires");
                if (e != null) {
                    try {
                        return Integer.parseInt(e.trim());
                    } catch (NumberFormatException ignored) {
                        break;
                    }
                }
            }
        }
        String h = r.header("Expires");
        if (h != null) {
            try {
                return Integer.parseInt(h.trim());
            } catch (NumberFormatException ignored) {
                return asked;
            }
        }
        return asked;
    }

    @Override
    public CompletableFuture<Void> unregister() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        owner.run(() -> {
            removing = true;
            refresh.cancel();
            SipRequest req = core.newRequest("REGISTER", registrarUri, NameAddress.of(aor), callId, fromTag, ++cseq);
            req.set(Headers.CONTACT, core.contact(UaCore.transportFor(registrarUri), registrarUri.secure()));
            req.setHeader("Expires", "0");
            RequestSender.send(core, req, () -> ++cseq, core.config().registrar()).whenComplete((r, e) -> {
                registered = false;
                if (e != null) {
                    done.completeExceptionally(e);
                } else if (!r.isSuccess()) {
                    done.completeExceptionally(new RegistrationException(r.status(), r.reason()));
                } else {
                    done.complete(null);
                }
            });
        });
        return done;
    }
}
