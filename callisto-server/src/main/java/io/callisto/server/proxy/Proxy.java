package io.callisto.server.proxy;

import io.callisto.exec.Owners;
import io.callisto.server.location.LocationStore;
import io.callisto.server.proxy.internal.LocalAddresses;
import io.callisto.server.proxy.internal.LocalReplies;
import io.callisto.server.proxy.internal.LoopDetection;
import io.callisto.server.proxy.internal.NextHop;
import io.callisto.server.proxy.internal.ProxyServices;
import io.callisto.server.proxy.internal.RecordRouting;
import io.callisto.server.proxy.internal.RequestChecks;
import io.callisto.server.proxy.internal.ResponseContext;
import io.callisto.server.proxy.internal.RoutePreprocessing;
import io.callisto.server.proxy.internal.StatelessForwarder;
import io.callisto.server.proxy.internal.TargetFinder;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transport.Flow;
import io.callisto.transport.TransportLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful proxy core of RFC 3261 §16: for every request it is given it validates (§16.3), preprocesses the
 * route information (§16.4), determines the targets (§16.5: location service, static routes, the request-URI
 * itself), forwards one branch per target through client transactions (§16.6), collects the responses in a
 * response context and sends upstream what §16.7 prescribes, and propagates CANCEL (§16.10). ACKs for 2xx are
 * forwarded statelessly along their Route (§16.11).
 *
 * <p>Threading: every method is called on the owner thread of the message's Call-ID (the transaction layer's
 * callbacks are), and all the state of a request (its server transaction, response context, client transactions
 * and timers) lives on that owner; the only cross-thread step is a DNS answer, which is posted back to the owner.
 * Contexts awaiting a CANCEL are kept in one plain map per owner. Nothing here blocks.
 */
public final class Proxy {

    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    private final ProxyConfig config;
    private final Owners owners;
    private final LocalAddresses local;
    private final ProxyServices services;
    private final TargetFinder targets;
    private final StatelessForwarder stateless;
    /** Per owner: INVITE server transaction to its response context, until the final response is sent. */
    private final List<Map<ServerTransaction, ResponseContext>> contexts;

    /**
     * A proxy forwarding through {@code transactions} (whose transport is {@code transport}), with per-Call-ID work on
     * {@code owners}, targets from {@code locations}, and {@code nodeId} naming this node (bindings whose flow was
     * written by another node are not reached over that flow).
     */
    public Proxy(ProxyConfig config, TransactionLayer transactions, TransportLayer transport, Owners owners,
            LocationStore locations, String nodeId) {
        this.config = Objects.requireNonNull(config, "config");
        this.owners = Objects.requireNonNull(owners, "owners");
        this.local = new LocalAddresses(Objects.requireNonNull(transport, "transport"), config);
        this.services = new ProxyServices(config, Objects.requireNonNull(transactions, "transactions"), local,
                new NextHop(transport));
        this.targets = new TargetFinder(config, Objects.requireNonNull(locations, "locations"), local,
                Objects.requireNonNull(nodeId, "nodeId"));
        this.stateless = new StatelessForwarder(services, owners);
        List<Map<ServerTransaction, ResponseContext>> maps = new ArrayList<>(owners.size());
        for (int i = 0; i < owners.size(); i++) {
            maps.add(new HashMap<>());
        }
        this.contexts = List.copyOf(maps);
    }

    /** The configuration. */
    public ProxyConfig config() {
        return config;
    }

    /**
     * A request to proxy (after authentication), CANCEL included; call on the owner of its Call-ID. The server
     * transaction always gets a final response: forwarded, chosen from the branches', or the proxy's own. Never
     * throws.
     */
    public void onRequest(ServerTransaction tx) {
        SipRequest request = tx.request();
        try {
            if (request.isMethod("CANCEL")) {
                onCancel(tx, request);
                return;
            }
            String fingerprint = LoopDetection.fingerprint(request);
            RequestChecks.Verdict verdict = RequestChecks.check(request, fingerprint, local, config);
            if (verdict != null) {
                if (verdict.status() >= 300) {
                    LOG.debug("{} {} refused: {} {}", request.method(), request.requestUriText(), verdict.status(),
                            verdict.reason());
                }
                LocalReplies.reply(tx, request, verdict.status(), verdict.reason(), verdict.header(),
                        verdict.value());
                return;
            }
            SipRequest work = request.copy();
            List<Flow> tokens = RoutePreprocessing.apply(work, tx.flow(), local);
            TargetFinder.Outcome outcome = targets.find(work, tokens, tx.flow());
            if (outcome.local()) {
                answerHere(tx, request);
                return;
            }
            if (outcome.groups().isEmpty()) {
                LocalReplies.reply(tx, request, outcome.status(), outcome.reason());
                return;
            }
            forward(tx, request, work, fingerprint, outcome);
        } catch (ParseError e) {
            LOG.debug("{} refused: {}", request.startLine(), e.getMessage());
            replyIfOpen(tx, request, 400, "Bad Request (" + e.reasonPhrase() + ")");
        } catch (RuntimeException e) {
            LOG.warn("{} failed in the proxy", request.startLine(), e);
            replyIfOpen(tx, request, 500, "Server Internal Error");
        }
    }

    private void forward(ServerTransaction tx, SipRequest request, SipRequest work, String fingerprint,
            TargetFinder.Outcome outcome) {
        String callId = request.callId();
        Map<ServerTransaction, ResponseContext> table = table(callId);
        Runnable onFinal = tx.isInvite() ? () -> table.remove(tx) : () -> { };
        ResponseContext ctx = new ResponseContext(services, tx, owners.ownerOf(callId), request, work,
                fingerprint, RecordRouting.of(request, tx.flow(), config, local), outcome.groups(), onFinal);
        if (tx.isInvite()) {
            table.put(tx, ctx);
        }
        try {
            ctx.start();
        } catch (RuntimeException e) {
            table.remove(tx); // the caller answers 500; nothing may stay behind in the CANCEL table
            throw e;
        }
    }

    /**
     * A request for this proxy itself (one of our addresses or domains, no user, no Route left): OPTIONS is answered
     * (§11), anything else has no resource here (§16.5: 404).
     */
    private static void answerHere(ServerTransaction tx, SipRequest request) {
        if (request.isMethod("OPTIONS")) {
            LocalReplies.reply(tx, request, 200, null, "Allow", LocalReplies.ALLOW);
        } else {
            LocalReplies.reply(tx, request, 404, "Not Found");
        }
    }

    /**
     * §16.10: a CANCEL that matches a response context gets 200 at once and cancels every pending branch; the INVITE
     * then ends with the 487 of the UAS (or ours). One whose INVITE is known but already answered gets 200 and has
     * no effect (§9.2). One that matches no INVITE transaction gets 481: §16.10 would forward it statelessly, but
     * this proxy never forwards an INVITE statelessly, so the branch of any INVITE downstream differs from the one
     * such a CANCEL would carry and the element there could only answer 481 itself (§9.2).
     */
    private void onCancel(ServerTransaction tx, SipRequest cancel) {
        ServerTransaction invite = tx.cancelTarget();
        if (invite == null) {
            LocalReplies.reply(tx, cancel, 481, "Call/Transaction Does Not Exist");
            return;
        }
        ResponseContext ctx = table(cancel.callId()).get(invite);
        LocalReplies.reply(tx, cancel, 200, null);
        if (ctx != null) {
            ctx.cancel(cancel.header("Reason"));
        }
    }

    /**
     * An ACK no server transaction absorbed: the ACK for a 2xx travelling along the dialog's route set, forwarded
     * statelessly (§16.11); others are dropped. Call on the owner of its Call-ID. Never throws.
     */
    public void onAck(SipRequest ack, Flow flow) {
        stateless.forward(ack, flow);
    }

    /**
     * A response that matched no client transaction. RFC 6026 §7.3 (updating RFC 3261 §16.7, §18.1.2): "a
     * transaction-stateful proxy ... MUST NOT forward the response if there is no matching transaction state
     * machine". Retransmitted and forked 2xx responses to INVITE still reach the caller: the INVITE client
     * transaction stays in Accepted for 64*T1 and hands them to the response context, which forwards every one.
     * So the stray response is dropped.
     */
    public void onStrayResponse(SipResponse response, Flow flow) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("stray response dropped (RFC 6026 §7.3): {} from {}", response.startLine(), flow);
        }
    }

    /** How many INVITE response contexts wait for their final response, over all owners (a snapshot, approximate). */
    public int pendingInvites() {
        int n = 0;
        for (Map<ServerTransaction, ResponseContext> m : contexts) {
            n += m.size();
        }
        return n;
    }

    private Map<ServerTransaction, ResponseContext> table(String callId) {
        return contexts.get(Owners.indexOf(callId, contexts.size()));
    }

    private static void replyIfOpen(ServerTransaction tx, SipRequest request, int status, String reason) {
        if (!tx.hasFinalResponse()) {
            try {
                LocalReplies.reply(tx, request, status, reason);
            } catch (RuntimeException e) {
                LOG.debug("could not answer {}: {}", request.startLine(), e.getMessage());
            }
        }
    }
}
