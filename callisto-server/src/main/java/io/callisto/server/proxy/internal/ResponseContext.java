package io.callisto.server.proxy.internal;

import io.callisto.exec.Cancellable;
import io.callisto.exec.Owner;
import io.callisto.server.proxy.internal.BestResponse.Candidate;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transport.Destination;
import java.util.ArrayList;
import java.util.List;

/**
 * The response context of one proxied request (RFC 3261 §16.6, §16.7): its server transaction, its branches, the
 * final responses collected, and the rules that decide what goes upstream.
 *
 * <ul>
 *   <li>provisionals other than 100 go upstream at once until a final response has been sent (§16.7 step 5);</li>
 *   <li>every 2xx to an INVITE goes upstream, also after the first (through the server transaction in RFC 6026's
 *       Accepted state, statelessly once it is gone, step 9); the first cancels the other branches (step 10);</li>
 *   <li>a 6xx cancels the pending branches and no new branch starts (step 5);</li>
 *   <li>once every branch has ended and no group of targets is left, the best final response goes upstream
 *       ({@link BestResponse}, steps 6 and 7);</li>
 *   <li>a CANCEL from upstream cancels every pending branch (§16.10);</li>
 *   <li>targets come in groups (one group when forking in parallel, one per q-value when sequential): the next
 *       group starts when the current one has failed or its time is up.</li>
 * </ul>
 * Everything runs on the owner of the request's Call-ID. The context lets go of the requests once its final
 * response is sent; its branches keep it reachable until their transactions end.
 */
public final class ResponseContext {

    private final ProxyServices services;
    private final ServerTransaction server;
    private final Owner owner;
    private final boolean invite;
    private final String fingerprint;
    private final int receivedMaxForwards;
    private final RecordRouting recordRouting;
    private final List<List<Target>> groups;
    private final Runnable onFinalSent;
    /** The request as received (for responses of our own); null once the final response is sent. */
    private SipRequest original;
    /** The route-preprocessed copy that every branch starts from; null once taken by the last branch. */
    private SipRequest template;
    private int nextGroup;
    private final List<ClientBranch> branches = new ArrayList<>(2);
    private int pending;
    private final List<Candidate> finals = new ArrayList<>(2);
    private boolean finalSent;
    private boolean cancelled;
    private boolean noNewBranches;
    private Cancellable groupTimer = Cancellable.NONE;

    /**
     * A context for {@code server}'s request {@code original}; {@code template} is its route-preprocessed copy,
     * {@code fingerprint} its loop-detection fingerprint, {@code groups} its target groups (none empty),
     * {@code recordRouting} null when no Record-Route is added. {@code onFinalSent} runs once the final response
     * has gone upstream.
     */
    public ResponseContext(ProxyServices services, ServerTransaction server, Owner owner, SipRequest original,
            SipRequest template, String fingerprint, RecordRouting recordRouting, List<List<Target>> groups,
            Runnable onFinalSent) {
        this.services = services;
        this.server = server;
        this.owner = owner;
        this.original = original;
        this.template = template;
        this.invite = original.isMethod("INVITE");
        this.fingerprint = fingerprint;
        this.receivedMaxForwards = original.maxForwards();
        this.recordRouting = recordRouting;
        this.groups = groups;
        this.onFinalSent = onFinalSent;
    }

    ProxyServices services() {
        return services;
    }

    Owner owner() {
        return owner;
    }

    boolean invite() {
        return invite;
    }

    int receivedMaxForwards() {
        return receivedMaxForwards;
    }

    /** Starts the first group of targets. */
    public void start() {
        startNextGroup();
    }

    private void startNextGroup() {
        List<Target> group = groups.get(nextGroup++);
        boolean lastGroup = nextGroup == groups.size();
        List<ClientBranch> started = new ArrayList<>(group.size());
        for (Target t : group) {
            ClientBranch b = new ClientBranch(this, t);
            branches.add(b);
            started.add(b);
        }
        pending += started.size(); // counted before any starts: one may fail at once
        if (!lastGroup) {
            groupTimer = owner.schedule(services.config().sequentialTimeoutMillis(), () -> groupTimedOut(started));
        }
        for (int i = 0; i < started.size(); i++) {
            ClientBranch b = started.get(i);
            if (b.done()) {
                continue;
            }
            boolean lastUse = lastGroup && i == started.size() - 1;
            SipRequest msg = lastUse ? template : template.copy();
            if (lastUse) {
                template = null;
            }
            b.start(msg);
        }
    }

    /** Sequential forking: the group rang long enough; its branches are cancelled and the next group starts. */
    private void groupTimedOut(List<ClientBranch> group) {
        if (finalSent || cancelled || noNewBranches || nextGroup >= groups.size()) {
            return;
        }
        startNextGroup();
        for (ClientBranch b : group) {
            b.cancel(true, null);
        }
    }

    /** Steps 4 and 8 of §16.6 on a branch's request just before it is sent to {@code d}. */
    void finishForwarding(SipRequest msg, Destination d, Target target) {
        if (recordRouting != null) {
            recordRouting.insert(msg, d, target.tokenFlow(), services.local());
        }
        Forwarding.addVia(msg, LoopDetection.branch(fingerprint), services.local(), d);
    }

    // ------------------------------------------------------------------------------------------------ responses

    /** A 101-199 from a branch: upstream at once while no final response has been sent (§16.7 step 5). */
    void onProvisional(SipResponse r) {
        if (!finalSent) {
            forward(r);
        }
    }

    /** The first 2xx of a branch (§16.7 step 5, step 10). */
    void on2xx(ClientBranch from, SipResponse r) {
        pending--;
        if (invite) {
            forwardAlways(r);
            if (!finalSent) {
                finalSent();
                for (ClientBranch b : List.copyOf(branches)) {
                    if (b != from) {
                        b.cancel(true, "SIP;cause=200;text=\"Call completed elsewhere\"");
                    }
                }
            }
        } else if (!finalSent) {
            forward(r);
            finalSent();
        }
    }

    /** A further 2xx on a branch of an INVITE (RFC 6026 Accepted): always forwarded. */
    void onLate2xx(SipResponse r) {
        if (invite) {
            forwardAlways(r);
        }
    }

    /** A 3xx-6xx from a branch: stored for the choice of step 6; a 6xx ends the fork (step 5). */
    void onFinal(ClientBranch from, SipResponse r) {
        pending--;
        if (finalSent) {
            return;
        }
        if (from.selfCancelled() && r.status() == 487) {
            finals.add(Candidate.local(408, "Request Timeout")); // we cancelled it: it did not answer in time
        } else {
            finals.add(Candidate.of(r));
        }
        if (r.status() >= 600) {
            noNewBranches = true;
            groupTimer.cancel();
            for (ClientBranch b : List.copyOf(branches)) {
                b.cancel(false, null);
            }
        }
        maybeFinish();
    }

    /** A branch failed without a response (no address, transport failure, timeout): it stands for {@code status}. */
    void onFailed(ClientBranch from, int status, String reason) {
        pending--;
        if (!finalSent) {
            finals.add(Candidate.local(status, reason));
            maybeFinish();
        }
    }

    /** A branch was dropped before it sent anything (cancelled while resolving). */
    void onAbandoned(ClientBranch from) {
        pending--;
        maybeFinish();
    }

    /** §16.10: the caller's CANCEL matched this context; {@code reason} is its Reason header value or null. */
    public void cancel(String reason) {
        if (finalSent || cancelled) {
            return;
        }
        cancelled = true;
        groupTimer.cancel();
        for (ClientBranch b : List.copyOf(branches)) {
            b.cancel(false, reason);
        }
        maybeFinish();
    }

    private void maybeFinish() {
        if (finalSent || pending > 0) {
            return;
        }
        if (!cancelled && !noNewBranches && nextGroup < groups.size()) {
            groupTimer.cancel();
            startNextGroup();
            return;
        }
        SipResponse best = BestResponse.build(finals, original, cancelled);
        finalSent();
        if (!server.respond(best) && best.isSuccess()) {
            services.transactions().sendResponseStateless(best);
        }
    }

    private void finalSent() {
        finalSent = true;
        groupTimer.cancel();
        original = null;
        template = null;
        finals.clear();
        onFinalSent.run();
    }

    /** Step 3 and 9: our Via off, then through the server transaction. */
    private void forward(SipResponse r) {
        r.removeFirst(Headers.VIA);
        if (r.count(HeaderName.VIA) > 0) {
            server.respond(r);
        }
    }

    /** Step 9 for a 2xx: through the server transaction, statelessly when it no longer takes it. */
    private void forwardAlways(SipResponse r) {
        r.removeFirst(Headers.VIA);
        if (r.count(HeaderName.VIA) > 0 && !server.respond(r)) {
            services.transactions().sendResponseStateless(r);
        }
    }
}
