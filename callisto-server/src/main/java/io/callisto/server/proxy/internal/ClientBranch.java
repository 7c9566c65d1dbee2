package io.callisto.server.proxy.internal;

import io.callisto.exec.Cancellable;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transport.Destination;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target of a response context and the client transactions that carry the request to it (RFC 3261 §16.6
 * steps 7 to 11): the direct destinations are tried in order, then the targets RFC 3263 locates for the next
 * hop; a transport failure moves on to the next one with a new branch, and the last failure counts as a 408 (§16.6
 * step 7). For located targets, a timeout without any response and a 503 also move on (RFC 3263 §4.3), and a 503's
 * Retry-After keeps that target out of later lists while it runs.
 *
 * <p>For an INVITE it runs Timer C (§16.6 step 11, reset by 101-199, §16.7 step 2; on expiry §16.8: CANCEL after
 * a provisional, else a 408) and cancels as §9.1 says: only once a provisional arrived, and a cancelled branch that
 * never answers is given up after the configured cancel timeout (§9.1: 64*T1).
 *
 * <p>Runs on the owner of the request's Call-ID; the transaction layer calls the listener there.
 */
final class ClientBranch implements ClientTransactionListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientBranch.class);

    /** Responses to our CANCELs are not needed: the INVITE's final response says what happened (§9.1). */
    private static final ClientTransactionListener IGNORE = (tx, r) -> { };

    private enum State { NEW, RESOLVING, CALLING, PROCEEDING, DONE }

    private final ResponseContext ctx;
    private final Target target;
    /** The branch's request before Record-Route and Via, kept while another attempt may follow. */
    private SipRequest base;
    private int attempt;
    private boolean resolved;
    /** The targets RFC 3263 gave for the next hop, tried after the direct ones. */
    private List<Destination> located = List.of();
    private int locatedNext;
    private boolean currentLocated;
    private ClientTransaction tx;
    private State state = State.NEW;
    /** True when the proxy cancelled this branch on its own (Timer C, sequential timeout, another 2xx). */
    private boolean selfCancelled;
    private boolean cancelWanted;
    private boolean cancelSent;
    private String cancelReason;
    private Cancellable timerC = Cancellable.NONE;
    private Cancellable cancelGuard = Cancellable.NONE;

    ClientBranch(ResponseContext ctx, Target target) {
        this.ctx = ctx;
        this.target = target;
    }

    boolean done() {
        return state == State.DONE;
    }

    boolean selfCancelled() {
        return selfCancelled;
    }

    /** Starts forwarding {@code msg} (this branch's own copy of the request). */
    void start(SipRequest msg) {
        try {
            Forwarding.prepare(msg, target, ctx.receivedMaxForwards(), ctx.services().config().maxForwards());
        } catch (RuntimeException e) {
            LOG.info("cannot forward to {}: {}", target.uri(), e.getMessage());
            finish(408, "Next Hop Unreachable");
            return;
        }
        base = msg;
        nextAttempt();
    }

    private boolean moreAttempts() {
        return attempt < target.direct().size() || !resolved || locatedNext < located.size();
    }

    private void nextAttempt() {
        if (attempt < target.direct().size()) {
            currentLocated = false;
            send(target.direct().get(attempt++));
            return;
        }
        if (resolved) {
            if (locatedNext < located.size()) {
                currentLocated = true;
                send(located.get(locatedNext++));
            } else {
                finish(408, "Next Hop Unreachable");
            }
            return;
        }
        resolved = true;
        Uri uri = target.nextHop() != null ? target.nextHop() : NextHop.uriOf(base);
        state = State.RESOLVING;
        CompletableFuture<List<Destination>> f = ctx.services().nextHop().resolveAll(uri);
        if (f.isDone()) {
            List<Destination> d = null;
            Throwable error = null;
            try {
                d = f.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                error = e.getCause() != null ? e.getCause() : e;
            }
            resolvedTo(uri, d, error);
        } else {
            f.whenComplete((d, e) -> ctx.owner().execute(() -> resolvedTo(uri, d, e)));
        }
    }

    private void resolvedTo(Uri uri, List<Destination> targets, Throwable error) {
        if (state == State.DONE) {
            return; // abandoned (CANCEL, 6xx, 2xx elsewhere) while the name was being resolved
        }
        if (targets == null || targets.isEmpty()) {
            LOG.info("cannot resolve next hop {}: {}", uri, error == null ? "no address" : error.getMessage());
            finish(408, "Unresolvable Next Hop");
            return;
        }
        located = targets;
        locatedNext = 1;
        currentLocated = true;
        send(targets.get(0));
    }

    private void send(Destination d) {
        boolean more = moreAttempts();
        SipRequest msg = more ? base.copy() : base;
        if (!more) {
            base = null;
        }
        try {
            ctx.finishForwarding(msg, d, target);
            tx = ctx.services().transactions().sendRequest(msg, d, this);
        } catch (RuntimeException e) {
            LOG.info("cannot send to {}: {}", d, e.getMessage());
            if (more) {
                nextAttempt();
            } else {
                finish(408, "Next Hop Unreachable");
            }
            return;
        }
        state = State.CALLING;
        if (ctx.invite()) {
            timerC = ctx.owner().schedule(ctx.services().config().timerCMillis(), this::timerC);
        }
    }

    /** A response of this branch's current transaction (§16.7 steps 1 to 5 for one branch). */
    @Override
    public void onResponse(ClientTransaction t, SipResponse r) {
        if (t != tx) {
            return;
        }
        int status = r.status();
        if (status < 200) {
            provisional(r);
        } else if (status < 300) {
            if (state == State.DONE) {
                ctx.onLate2xx(r); // RFC 6026: a retransmission, or a 2xx of a fork further down
                return;
            }
            end();
            state = State.DONE;
            ctx.on2xx(this, r);
        } else if (state != State.DONE) {
            boolean answered = state == State.PROCEEDING;
            end();
            if (currentLocated && failedOver(t, r, answered)) {
                return;
            }
            if (TransactionLayer.isLocal(r)) {
                if (status == 503 && moreAttempts() && !cancelWanted && !cancelSent) {
                    state = State.NEW;
                    nextAttempt(); // §16.6 step 7: the next address of the ordered set, a new branch
                    return;
                }
                state = State.DONE;
                ctx.onFailed(this, 408, status == 503 ? "Next Hop Unreachable" : "Request Timeout");
                return;
            }
            state = State.DONE;
            ctx.onFinal(this, r);
        }
    }

    /**
     * RFC 3263 §4.3 for a located target: a 503, or a timeout without any response, moves on to the next target
     * (a remote 503's Retry-After marks its target unavailable). A branch with a provisional, or one being
     * cancelled, stays.
     */
    private boolean failedOver(ClientTransaction t, SipResponse r, boolean answered) {
        boolean local = TransactionLayer.isLocal(r);
        if (r.status() == 503 && !local) {
            ctx.services().nextHop().locator().noteRetryAfter(t.destination(), r);
        }
        boolean failure = r.status() == 503 || r.status() == 408 && local;
        if (!failure || answered || cancelWanted || cancelSent || locatedNext >= located.size()) {
            return false;
        }
        state = State.NEW;
        nextAttempt();
        return true;
    }

    private void provisional(SipResponse r) {
        if (state == State.CALLING) {
            state = State.PROCEEDING;
        }
        if (state != State.PROCEEDING) {
            return;
        }
        if (cancelWanted && !cancelSent) {
            sendCancel(); // §9.1: the CANCEL waited for this provisional
        }
        if (r.status() > 100) {
            if (ctx.invite() && !cancelSent) {
                timerC.cancel(); // §16.7 step 2: reset Timer C
                timerC = ctx.owner().schedule(ctx.services().config().timerCMillis(), this::timerC);
            }
            ctx.onProvisional(r);
        }
    }

    /** §16.8: CANCEL a branch that had a provisional; one that had none ends as if it received a 408. */
    private void timerC() {
        if (state == State.PROCEEDING && !cancelSent) {
            LOG.debug("Timer C fired for {}: cancelling", target.uri());
            selfCancelled = true;
            sendCancel();
        } else if (state == State.CALLING) {
            tx.terminate();
            end();
            state = State.DONE;
            ctx.onFailed(this, 408, "Request Timeout");
        }
    }

    /**
     * Cancels this branch (§16.10, §16.7 step 10); {@code self} when the proxy decided it (its 487 then stands for a
     * timeout, not for the caller's CANCEL). Only INVITE branches are cancelled; a branch still resolving is
     * abandoned.
     */
    void cancel(boolean self, String reason) {
        switch (state) {
            case NEW, RESOLVING -> {
                state = State.DONE;
                ctx.onAbandoned(this);
            }
            case CALLING, PROCEEDING -> {
                if (!ctx.invite()) {
                    return; // §9.1: CANCEL has no effect on other requests
                }
                selfCancelled |= self;
                cancelReason = reason;
                if (state == State.PROCEEDING) {
                    sendCancel();
                } else {
                    cancelWanted = true;
                }
            }
            default -> { }
        }
    }

    private void sendCancel() {
        if (cancelSent || tx == null) {
            return;
        }
        cancelSent = true;
        timerC.cancel();
        SipRequest cancel = Messages.cancelFor(tx.request());
        if (cancelReason != null) {
            cancel.addHeader("Reason", cancelReason);
        }
        try {
            ctx.services().transactions().sendRequest(cancel, tx.destination(), IGNORE);
        } catch (RuntimeException e) {
            LOG.debug("CANCEL to {} not sent: {}", tx.destination(), e.getMessage());
        }
        cancelGuard = ctx.owner().schedule(ctx.services().config().cancelTimeoutMillis(), this::giveUp);
    }

    /** §9.1: no final response long after the CANCEL; the branch is over. */
    private void giveUp() {
        if (state == State.DONE) {
            return;
        }
        tx.terminate();
        end();
        state = State.DONE;
        ctx.onFailed(this, selfCancelled ? 408 : 487, selfCancelled ? "Request Timeout" : "Request Terminated");
    }

    /** The branch ended without a response (a failure before or while sending). */
    private void finish(int status, String reason) {
        end();
        state = State.DONE;
        base = null;
        ctx.onFailed(this, status, reason);
    }

    /** Stops the branch's timers and lets go of them: the branch stays reachable for Timer M's 32 s after a 2xx. */
    private void end() {
        timerC.cancel();
        cancelGuard.cancel();
        timerC = Cancellable.NONE;
        cancelGuard = Cancellable.NONE;
    }
}
