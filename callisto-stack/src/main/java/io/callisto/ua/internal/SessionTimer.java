package io.callisto.ua.internal;

import io.callisto.exec.Cancellable;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MinSE;
import io.callisto.sip.header.SessionExpires;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.ServerTransaction;
import io.callisto.ua.CallState;
import io.callisto.ua.SessionTimers;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session timer state of one call's dialog (RFC 4028): the session interval, who refreshes, the largest Min-SE
 * seen, and the two timers: the refresh at half the interval (when we refresh, §7.2, §9) and the BYE shortly before
 * expiry when no refresh succeeded (§10). Every INVITE and UPDATE of the call, sent or received, passes through it:
 * requests get their Supported/Session-Expires/Min-SE, 2xx responses set the interval and the roles. Runs on the
 * call's owner thread.
 */
final class SessionTimer {

    private static final Logger LOG = LoggerFactory.getLogger(SessionTimer.class);
    static final String TIMER = "timer";
    /** Refreshes that failed (not 408/481, which end the call) are retried at most this often per interval. */
    private static final int MAX_RETRIES = 2;

    private final CallBase call;
    private final SessionTimers policy;
    /** The session interval in seconds, 0 when no session timer is running. */
    private long interval;
    private boolean weRefresh;
    /** The largest Min-SE from a 422 or a request of the peer (§7.4), at least 90. */
    private long minSE = MinSE.FLOOR;
    /** §7.4: once a 422 or a request with Min-SE was seen, our session refresh requests carry Min-SE. */
    private boolean sendMinSE;
    private boolean peerAllowsUpdate;
    private long expiresAt;
    private int retries;
    private Cancellable refreshTimer = Cancellable.NONE;
    private Cancellable expiryTimer = Cancellable.NONE;

    SessionTimer(CallBase call, SessionTimers policy) {
        this.call = call;
        this.policy = policy;
        this.minSE = Math.max(MinSE.FLOOR, policy.minimum());
        this.sendMinSE = policy.minimum() > MinSE.FLOOR;
    }

    /** The session interval in force, in seconds, or 0. */
    long interval() {
        return interval;
    }

    /** True when we are the refresher of a running session timer. */
    boolean weRefresh() {
        return interval > 0 && weRefresh;
    }

    /** Records whether the peer allows UPDATE (its Allow in the INVITE or the 2xx): refreshes then use it (§7.4). */
    void notePeerAllow(SipMessage m) {
        for (String method : safeAll(m)) {
            if (method.equalsIgnoreCase("UPDATE")) {
                peerAllowsUpdate = true;
            }
        }
    }

    // ---- requests we send (§7.1, §7.4) ----

    /**
     * Adds our timer headers to an INVITE or UPDATE we are about to send: Supported: timer, and Session-Expires (the
     * current interval, never below Min-SE, with the refresher kept as it is, §7.4; or the interval we ask for when no
     * timer runs), and Min-SE once needed.
     */
    void decorate(SipRequest request) {
        if (!policy.enabled()) {
            return;
        }
        appendOption(request, "Supported", TIMER);
        if (interval > 0) {
            request.set(Headers.SESSION_EXPIRES, SessionExpires.of(Math.max(minSE, interval),
                    weRefresh ? SessionExpires.UAC : SessionExpires.UAS));
        } else {
            request.set(Headers.SESSION_EXPIRES, SessionExpires.of(Math.max(minSE, policy.interval()), null));
        }
        if (sendMinSE) {
            request.set(Headers.MIN_SE, MinSE.of(minSE));
        }
    }

    /**
     * §7.3, §7.4: a 422 to our INVITE or UPDATE. Returns true when a retry with a larger Session-Expires is
     * worthwhile (its Min-SE is readable and above what we asked for); the caller resends, and {@link #decorate} (or
     * {@link #raiseFor}) puts the new values in.
     */
    boolean on422(SipRequest sent, SipResponse response) {
        MinSE theirs = readMinSE(response);
        SessionExpires asked = readSessionExpires(sent);
        if (theirs == null || asked == null || theirs.seconds() <= asked.seconds()) {
            return false;
        }
        minSE = Math.max(minSE, theirs.seconds());
        sendMinSE = true;
        return true;
    }

    /** After a 422: sets the raised Session-Expires and Min-SE on a copy of the initial INVITE (§7.4). */
    void raiseFor(SipRequest retry) {
        SessionExpires asked = readSessionExpires(retry);
        long value = Math.max(minSE, asked != null ? asked.seconds() : policy.interval());
        retry.set(Headers.SESSION_EXPIRES, SessionExpires.of(value, asked != null ? asked.refresher() : null));
        retry.set(Headers.MIN_SE, MinSE.of(minSE));
    }

    /**
     * §7.2: a 2xx to our INVITE or UPDATE in the confirmed dialog. Its Session-Expires sets the interval and, by its
     * refresher ("uac" is us), the roles; without one, we refresh alone if we asked for a timer, else none runs.
     */
    void onSuccess(SipRequest sent, SipResponse ok) {
        notePeerAllow(ok);
        if (!policy.enabled()) {
            return;
        }
        SessionExpires se = readSessionExpires(ok);
        if (se != null) {
            start(se.seconds(), !SessionExpires.UAS.equals(se.refresher()));
        } else {
            SessionExpires asked = readSessionExpires(sent);
            start(asked != null ? asked.seconds() : 0, true);
        }
    }

    // ---- requests we receive (§9) ----

    /**
     * Checks the Session-Expires of an INVITE or UPDATE we received in the dialog. Returns false after answering 422
     * with our Min-SE when it is below our minimum (§9).
     */
    boolean accept(ServerTransaction tx) {
        return !rejectTooSmall(call.core, tx, policy);
    }

    /**
     * §9: a request asking for a session interval below {@code policy}'s minimum gets 422 with our Min-SE. Returns
     * true when it was answered so.
     */
    static boolean rejectTooSmall(UaCore core, ServerTransaction tx, SessionTimers policy) {
        if (!policy.enabled()) {
            return false;
        }
        SessionExpires se = readSessionExpires(tx.request());
        if (se == null || se.seconds() >= policy.minimum()) {
            return false;
        }
        SipResponse r = core.response(tx.request(), 422, "Session Interval Too Small",
                tx.request().to().tag() == null ? Ids.tag() : null);
        r.set(Headers.MIN_SE, MinSE.of(policy.minimum()));
        tx.respond(r);
        return true;
    }

    /**
     * §9: fills in the session timer of the 2xx we send to {@code req} (an INVITE or UPDATE) and starts it. The
     * interval is the request's (never below its Min-SE or ours), or the one we ask for when it had none; the
     * refresher follows Table 2: the request's choice when it made one, us when the caller does not support timers
     * or leaves the choice open.
     */
    void onAnswer(SipRequest req, SipResponse ok) {
        if (!policy.enabled()) {
            return;
        }
        SessionExpires asked = readSessionExpires(req);
        MinSE theirs = readMinSE(req);
        if (theirs != null) {
            minSE = Math.max(minSE, theirs.seconds()); // §7.4: our own refreshes will carry it
            sendMinSE = true;
        }
        long floor = Math.max(policy.minimum(), theirs != null ? theirs.seconds() : MinSE.FLOOR);
        long value = Math.max(floor, asked != null ? asked.seconds() : Math.max(interval, policy.interval()));
        boolean uacSupports = lists(req, Headers.SUPPORTED) || lists(req, Headers.REQUIRE);
        String refresher = uacSupports && asked != null && asked.refresher() != null ? asked.refresher()
                : SessionExpires.UAS;
        ok.set(Headers.SESSION_EXPIRES, SessionExpires.of(value, refresher));
        if (uacSupports) {
            appendOption(ok, "Require", TIMER); // MUST with refresher=uac, SHOULD with uas (§9)
        }
        start(value, SessionExpires.UAS.equals(refresher));
    }

    // ---- the timers (§10) ----

    private void start(long seconds, boolean refresh) {
        stop();
        retries = 0;
        if (seconds <= 0) {
            interval = 0;
            return;
        }
        interval = Math.max(MinSE.FLOOR, seconds); // a peer's tiny value must not make us refresh every second
        weRefresh = refresh;
        long now = call.owner.nowMillis();
        expiresAt = now + interval * 1000;
        if (refresh) {
            refreshTimer = call.owner.schedule(interval * 500, this::refresh);
        }
        long byeBefore = Math.min(32, interval / 3) * 1000;
        expiryTimer = call.owner.schedule(interval * 1000 - byeBefore, this::expire);
    }

    void stop() {
        refreshTimer.cancel();
        expiryTimer.cancel();
    }

    private void refresh() {
        if (call.state() != CallState.CONFIRMED) {
            return;
        }
        CompletableFuture<SipResponse> f = call.sendSessionRefresh(peerAllowsUpdate);
        if (f == null) {
            retryLater(); // another INVITE or UPDATE is in progress; its 2xx refreshes too, else we try again
            return;
        }
        f.whenComplete((r, e) -> {
            if (r != null && !r.isSuccess() && call.state() == CallState.CONFIRMED) {
                retryLater(); // §10: follow the response's rules and retry if possible, but not forever
            }
        });
    }

    private void retryLater() {
        long remaining = expiresAt - call.owner.nowMillis();
        if (retries++ < MAX_RETRIES && remaining > 4_000) {
            refreshTimer = call.owner.schedule(remaining / 2, this::refresh);
        }
    }

    private void expire() {
        if (call.state() == CallState.CONFIRMED) {
            LOG.debug("session timer of {} expired ({} s, we {} the refresher)", call.callId, interval,
                    weRefresh ? "were" : "were not");
            call.sendBye(408, "session timer expired");
        }
    }

    /**
     * Adds {@code option} to the option-tag list {@code name} (Supported, Require) as one header line: some peers
     * (SIPp's header search among them) read only the first line of a header.
     */
    static void appendOption(SipMessage m, String name, String option) {
        String existing = m.header(name);
        if (existing == null) {
            m.setHeader(name, option);
        } else if (m.headers(name).size() == 1) {
            m.setHeader(name, existing + ", " + option);
        } else {
            m.addHeader(name, option);
        }
    }

    // ---- reading headers leniently: a malformed value counts as absent ----

    private static SessionExpires readSessionExpires(SipMessage m) {
        try {
            return m.first(Headers.SESSION_EXPIRES);
        } catch (ParseError e) {
            return null;
        }
    }

    private static MinSE readMinSE(SipMessage m) {
        try {
            return m.first(Headers.MIN_SE);
        } catch (ParseError e) {
            return null;
        }
    }

    private static boolean lists(SipMessage m, io.callisto.sip.header.HeaderKey<String> key) {
        try {
            for (String option : m.all(key)) {
                if (option.equalsIgnoreCase(TIMER)) {
                    return true;
                }
            }
        } catch (ParseError e) {
            return false;
        }
        return false;
    }

    private static java.util.List<String> safeAll(SipMessage m) {
        try {
            return m.all(Headers.ALLOW);
        } catch (ParseError e) {
            return java.util.List.of();
        }
    }
}
