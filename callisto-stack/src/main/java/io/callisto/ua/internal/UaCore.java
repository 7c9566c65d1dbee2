package io.callisto.ua.internal;

import io.callisto.exec.Owner;
import io.callisto.exec.Owners;
import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.ListeningPoint;
import io.callisto.transport.Transport;
import io.callisto.ua.Call;
import io.callisto.ua.IncomingMessage;
import io.callisto.ua.ReliableProvisionals;
import io.callisto.ua.SipStack;
import io.callisto.ua.UserAgentConfig;
import io.callisto.ua.dialog.Dialog;
import io.callisto.ua.dialog.DialogTable;
import io.callisto.ua.dialog.DialogUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UA core (RFC 3261 §8, §12-15): the transaction user of a {@link SipStack} that behaves as a user agent. It
 * routes each request to its dialog or to the out-of-dialog handlers, answers what a UA must answer itself (481,
 * 405, 501, 420, 416, OPTIONS), and makes requests for calls, registrations and messages. Every method runs on the
 * owner thread of the Call-ID concerned.
 */
public final class UaCore implements TransactionUser {

    private static final Logger LOG = LoggerFactory.getLogger(UaCore.class);

    /** The methods this UA implements (Allow, §20.5). */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, MESSAGE, UPDATE, SUBSCRIBE, NOTIFY, REFER";
    /** The option tag of reliable provisional responses (RFC 3262 §8.1). */
    static final String REL100 = "100rel";

    private final SipStack stack;
    private final UserAgentConfig config;
    private final Authenticator authenticator;
    private final TargetResolver resolver;
    private final DialogTable dialogs;
    private final Map<String, CallBase>[] calls;
    private final EventRouter events;
    private final NameAddress[] contacts = new NameAddress[Transport.values().length * 2];
    private volatile Consumer<Call> incomingCalls;
    private volatile Consumer<IncomingMessage> incomingMessages;

    @SuppressWarnings("unchecked")
    public UaCore(SipStack stack, UserAgentConfig config, Authenticator authenticator) {
        this.stack = stack;
        this.config = config;
        this.authenticator = authenticator;
        this.resolver = new TargetResolver(stack::locator);
        int n = stack.owners().size();
        this.dialogs = new DialogTable(n);
        this.calls = new Map[n];
        this.events = new EventRouter(this, n);
        for (int i = 0; i < n; i++) {
            calls[i] = new HashMap<>();
        }
    }

    public SipStack stack() {
        return stack;
    }

    public UserAgentConfig config() {
        return config;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public DialogTable dialogs() {
        return dialogs;
    }

    public TransactionLayer transactions() {
        return stack.transactions();
    }

    public Owner ownerOf(String callId) {
        return stack.owners().ownerOf(callId);
    }

    public void onIncomingCall(Consumer<Call> listener) {
        this.incomingCalls = listener;
    }

    public void onIncomingMessage(Consumer<IncomingMessage> listener) {
        this.incomingMessages = listener;
    }

    /** Receives new subscriptions to {@code eventPackage} (RFC 6665 §4.2); null stops (489 from then on). */
    public void onSubscribe(String eventPackage, Consumer<io.callisto.ua.IncomingSubscription> handler) {
        events.onSubscribe(eventPackage, handler);
    }

    /** Subscribes to {@code event} at {@code target} (RFC 6665 §4.1.2.1). */
    public io.callisto.ua.Subscription subscribe(Uri target, io.callisto.sip.header.Event event, String accept,
                                                 long expires) {
        return SubscribeClient.start(this, target, event, accept, expires);
    }

    void pendingSubscribe(SubscribeClient client, boolean waiting) {
        events.pending(client, waiting);
    }

    private Map<String, CallBase> callsOf(String callId) {
        return calls[Owners.indexOf(callId, calls.length)];
    }

    void register(CallBase call) {
        callsOf(call.callId()).put(call.callId(), call);
    }

    void unregister(CallBase call) {
        callsOf(call.callId()).remove(call.callId(), call);
    }

    /** Calls on all owners; approximate off the owner threads (for status output). */
    public int activeCalls() {
        int n = 0;
        for (Map<String, CallBase> m : calls) {
            n += m.size();
        }
        return n;
    }

    // ---- what the public UserAgent asks for ----

    /** Places a call to {@code target} (To {@code to}) with an optional SDP offer. */
    public Call placeCall(Uri target, NameAddress to, io.callisto.ua.Body offer, io.callisto.ua.CallListener listener) {
        return placeCall(target, to, offer, listener, null);
    }

    /** As above, with {@code decorate} adding headers to the INVITE before it leaves (Replaces, Referred-By). */
    Call placeCall(Uri target, NameAddress to, io.callisto.ua.Body offer, io.callisto.ua.CallListener listener,
                   Consumer<SipRequest> decorate) {
        OutgoingCall call = new OutgoingCall(this, target, to, offer);
        call.decorate = decorate;
        if (listener != null) {
            call.addListener(listener);
        }
        call.owner.run(call::start);
        return call;
    }

    /** Starts a registration that refreshes itself. */
    public io.callisto.ua.Registration register(int expires) {
        RegistrationImpl r = new RegistrationImpl(this, expires);
        r.start();
        return r;
    }

    /** Sends a request outside any dialog (MESSAGE, OPTIONS) and completes with its final response. */
    public java.util.concurrent.CompletableFuture<SipResponse> sendOutOfDialog(String method, Uri target,
                                                                             io.callisto.ua.Body body) {
        String callId = Ids.callId(null);
        java.util.concurrent.CompletableFuture<SipResponse> f = new java.util.concurrent.CompletableFuture<>();
        ownerOf(callId).run(() -> {
            long cseq = initialCSeq();
            SipRequest req = newRequest(method, target, NameAddress.of(target), callId, Ids.tag(), cseq);
            if (body != null) {
                req.setBody(body.type(), body.bytes());
            }
            long[] next = {cseq};
            RequestSender.send(this, req, () -> ++next[0]).whenComplete((r, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(r);
                }
            });
        });
        return f;
    }

    // ---- sending ----

    /**
     * Resolves where {@code request} goes (or uses {@code destination}) and sends it in a new client transaction.
     * Resolution failure becomes a local 503 for the listener (§8.1.3.1). Runs on the request's owner thread.
     */
    void send(SipRequest request, Destination destination, ClientTransactionListener listener) {
        Owner owner = ownerOf(request.callId());
        if (destination != null) {
            owner.run(() -> listenerSafeSend(request, destination, listener));
            return;
        }
        resolver.resolveAll(request).whenComplete((targets, err) -> owner.run(() -> {
            if (err != null || targets.isEmpty()) {
                LOG.debug("cannot resolve {}: {}", TargetResolver.nextHop(request),
                        err != null ? err.toString() : "no targets");
                listener.onResponse(null, RequestSender.localFailure(request, 503, "Service Unavailable (no route)"));
            } else {
                // RFC 3263 §4.3: try the targets in order, a new transaction per target
                new Failover(this, resolver.locator(), request, targets, listener).start();
            }
        }));
    }

    private void listenerSafeSend(SipRequest request, Destination destination, ClientTransactionListener listener) {
        ClientTransaction tx = transactions().sendRequest(request, destination, listener);
        if (listener instanceof TransactionAware a) {
            a.onTransaction(tx);
        }
    }

    /** Sends an ACK for a 2xx (§13.2.2.4): outside any transaction. */
    void sendAck(SipRequest ack) {
        Owner owner = ownerOf(ack.callId());
        resolver.resolve(ack).whenComplete((dest, err) -> owner.run(() -> {
            if (err == null) {
                transactions().sendStateless(ack, dest);
            } else {
                LOG.debug("cannot route ACK: {}", err.toString());
            }
        }));
    }

    /** A listener that wants to know its client transaction (to CANCEL it, §9.1). */
    interface TransactionAware {
        void onTransaction(ClientTransaction tx);

        /** False once the TU no longer wants the request tried at another server (RFC 3263 §4.3), e.g. cancelled. */
        default boolean mayFailOver() {
            return true;
        }
    }

    /** Our Contact for requests and responses over {@code transport} (§8.1.1.8), sips when {@code secure}. */
    NameAddress contact(Transport transport, boolean secure) {
        // Listening points do not change once the stack runs: each Contact is built once (NameAddress is immutable).
        int slot = transport.ordinal() * 2 + (secure ? 1 : 0);
        NameAddress c = contacts[slot];
        if (c == null) {
            c = buildContact(transport, secure);
            if (c.uri() instanceof SipUri u && u.port() != 0) {
                contacts[slot] = c; // after start only; a benign race between owners: both build the same value
            }
        }
        return c;
    }

    private NameAddress buildContact(Transport transport, boolean secure) {
        ListeningPoint lp = listeningPoint(transport);
        String user = config.address().uri() instanceof SipUri s ? s.user() : null;
        SipUri.Builder b = SipUri.builder().secure(secure && lp.transport().secure()).user(user).host(lp.host())
                .port(lp.port());
        if (lp.transport() != Transport.UDP && !(secure && lp.transport() == Transport.TLS)) {
            b.parameter("transport", lp.transport().viaToken().toLowerCase(java.util.Locale.ROOT));
        }
        return NameAddress.of(b.build());
    }

    ListeningPoint listeningPoint(Transport transport) {
        List<ListeningPoint> lps = stack.listeningPoints();
        for (ListeningPoint lp : lps) {
            if (lp.transport() == transport) {
                return lp;
            }
        }
        return lps.get(0);
    }

    /** The transport a request to {@code target} will use (for its Contact). */
    static Transport transportFor(Uri target) {
        if (target instanceof SipUri s) {
            Transport t = TargetResolver.transportOf(s);
            return t == null ? Transport.UDP : t;
        }
        return Transport.UDP;
    }

    /**
     * A request outside any dialog (§8.1.1): Request-URI, To (no tag), From (our AOR with a new tag), a new or given
     * Call-ID, CSeq, Max-Forwards 70, a Via with a fresh branch, the outbound proxy as a loose Route, User-Agent.
     */
    SipRequest newRequest(String method, Uri requestUri, NameAddress to, String callId, String fromTag, long cseq) {
        MessageBuilder b = MessageBuilder.request(method, requestUri)
                .via(Via.of("UDP", "0.0.0.0", 0, Branch.next()))
                .maxForwards(70);
        if (config.outboundProxy() != null && !method.equals("REGISTER")) {
            b.header(Headers.ROUTE, NameAddress.of(config.outboundProxy().withParameter("lr", null)));
        }
        b.to(to).from(config.address().withTag(fromTag)).callId(callId).header(Headers.CSEQ, new CSeq(cseq, method));
        b.header(HeaderName.USER_AGENT.canonical(), config.userAgent());
        return b.buildRequest();
    }

    /** A response to a request received by this UA, with {@code Server} and, when given, a To tag. */
    SipResponse response(SipRequest request, int status, String reason, String toTag) {
        SipResponse r = Messages.responseTo(request, status, reason, toTag);
        r.setHeader(HeaderName.SERVER.canonical(), config.userAgent());
        return r;
    }

    // ---- TransactionUser ----

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest req = tx.request();
        try {
            if (req.isMethod("CANCEL")) {
                onCancel(tx);
                return;
            }
            Uri ruri = req.requestUri();
            if (!(ruri instanceof SipUri) && !"tel".equals(ruri.scheme())) {
                reply(tx, 416, null); // §8.2.2.1
                return;
            }
            if (req.to().tag() != null) {
                onInDialog(tx);
                return;
            }
            if (!checkRequire(tx)) {
                return;
            }
            switch (req.method()) {
                case "INVITE" -> onInvite(tx);
                case "OPTIONS" -> tx.respond(optionsResponse(req));
                case "MESSAGE" -> onMessage(tx);
                case "BYE", "INFO", "PRACK", "UPDATE", "NOTIFY" -> reply(tx, 481, null);
                case "SUBSCRIBE" -> events.onNewSubscribe(tx);
                case "REFER" -> reply(tx, 403, "REFER Outside A Dialog Not Supported");
                case "REGISTER", "PUBLISH" -> replyNotAllowed(tx);
                default -> reply(tx, 501, null); // §8.2.1
            }
        } catch (RuntimeException e) {
            LOG.warn("error handling {} {}", req.method(), req.callId(), e);
            if (!tx.hasFinalResponse()) {
                reply(tx, 500, "Server Internal Error");
            }
        }
    }

    private void onInDialog(ServerTransaction tx) {
        SipRequest req = tx.request();
        Dialog dialog = dialogs.forRequest(req);
        if ((req.isMethod("NOTIFY") || req.isMethod("SUBSCRIBE")) && events.onInDialog(dialog, tx)) {
            return; // RFC 6665: routed by Event to the subscription usage
        }
        if (dialog == null) {
            reply(tx, 481, null); // §12.2.2
            return;
        }
        if (!dialog.acceptRemoteSequence(req)) {
            reply(tx, 500, "CSeq Out Of Order");
            return;
        }
        DialogUsage usage = dialog.usageFor(req.method());
        if (usage != null) {
            usage.onRequest(dialog, tx);
        } else if (req.isMethod("OPTIONS")) {
            tx.respond(optionsResponse(req));
        } else if (allow().contains(req.method())) {
            replyNotAllowed(tx);
        } else {
            reply(tx, 501, null);
        }
    }

    /**
     * §8.2.2.3: every Require option we do not support gets a 420 listing it in Unsupported. The extensions
     * supported are {@code 100rel} on INVITE (RFC 3262 §3), unless reliable provisionals are off, and {@code timer}
     * on INVITE and UPDATE (RFC 4028), unless session timers are off.
     */
    private boolean checkRequire(ServerTransaction tx) {
        SipRequest req = tx.request();
        if (req.isMethod("ACK")) {
            return true;
        }
        List<String> unsupported = new ArrayList<>();
        for (String option : req.all(Headers.REQUIRE)) {
            if (!(option.equalsIgnoreCase(REL100) && req.isMethod("INVITE")
                    && reliableProvisionals() != ReliableProvisionals.OFF)
                    && !(option.equalsIgnoreCase(SessionTimer.TIMER) && config.sessionTimers().enabled()
                    && (req.isMethod("INVITE") || req.isMethod("UPDATE")))) {
                unsupported.add(option);
            }
        }
        if (unsupported.isEmpty()) {
            return true;
        }
        SipResponse r = response(req, 420, null, null);
        r.setHeader("Unsupported", String.join(", ", unsupported));
        tx.respond(r);
        return false;
    }

    /** The methods this UA allows (PRACK too while reliable provisionals are on). */
    String allow() {
        return reliableProvisionals() == ReliableProvisionals.OFF ? ALLOW : ALLOW + ", PRACK";
    }

    /** The reliable provisional response policy of this UA (RFC 3262). */
    ReliableProvisionals reliableProvisionals() {
        return config.reliableProvisionals();
    }

    /** True when {@code m} lists {@code 100rel} in its header {@code key} (Require or Supported). */
    static boolean lists100rel(SipMessage m, io.callisto.sip.header.HeaderKey<String> key) {
        for (String option : m.all(key)) {
            if (option.equalsIgnoreCase(REL100)) {
                return true;
            }
        }
        return false;
    }

    private void onInvite(ServerTransaction tx) {
        SipRequest req = tx.request();
        Map<String, CallBase> m = callsOf(req.callId());
        CallBase existing = m.get(req.callId());
        if (existing != null) {
            // §8.2.2.2: the same request arriving again by another path (same From tag, Call-ID, CSeq) is a merge.
            SipRequest other = existing.invite();
            if (!existing.isOutgoing() && other.cseq().equals(req.cseq())
                    && java.util.Objects.equals(other.from().tag(), req.from().tag())) {
                reply(tx, 482, "Loop Detected");
                return;
            }
        }
        Consumer<Call> l = incomingCalls;
        if (l == null) {
            reply(tx, 480, "Temporarily Unavailable");
            return;
        }
        if (reliableProvisionals() == ReliableProvisionals.REQUIRED && !lists100rel(req, Headers.REQUIRE)
                && !lists100rel(req, Headers.SUPPORTED)) {
            SipResponse r = response(req, 421, "Extension Required", Ids.tag()); // RFC 3261 §21.4.16
            r.setHeader("Require", REL100);
            tx.respond(r);
            return;
        }
        if (SessionTimer.rejectTooSmall(this, tx, config.sessionTimers())) {
            return; // RFC 4028 §9: 422 with our Min-SE
        }
        if (req.count(HeaderName.REPLACES) > 0) {
            ReplacesMatcher.onInvite(this, tx, old -> acceptInvite(tx, l, old)); // RFC 3891 §3
        } else {
            acceptInvite(tx, l, null);
        }
    }

    private void acceptInvite(ServerTransaction tx, Consumer<Call> l, CallBase replaced) {
        IncomingCall call = new IncomingCall(this, tx);
        register(call);
        if (replaced != null) {
            ReplacesMatcher.link(call, replaced);
        }
        l.accept(call);
    }

    private void onCancel(ServerTransaction tx) {
        ServerTransaction target = tx.cancelTarget();
        String callId = tx.request().callId(); // §9.1: the CANCEL's Call-ID is the INVITE's
        CallBase call = target == null ? null : callsOf(callId).get(callId);
        if (target == null) {
            reply(tx, 481, null); // §9.2
            return;
        }
        reply(tx, 200, null);
        if (call instanceof IncomingCall ic && ic.serverTransaction() == target) {
            ic.onCancel(tx.request());
        } else if (!target.hasFinalResponse()) {
            target.respond(response(target.request(), 487, null, Ids.tag()));
        }
    }

    private void onMessage(ServerTransaction tx) {
        SipRequest req = tx.request();
        reply(tx, 200, null);
        Consumer<IncomingMessage> l = incomingMessages;
        if (l != null) {
            io.callisto.ua.Body body = req.bodyLength() > 0 && req.contentType() != null
                    ? new io.callisto.ua.Body(req.contentType(), req.body()) : null;
            l.accept(new IncomingMessage(req.from().uri(), req.to().uri(), body, req));
        }
    }

    private SipResponse optionsResponse(SipRequest req) {
        SipResponse r = response(req, 200, null, req.to().tag() == null ? Ids.tag() : null);
        r.setHeader("Allow", allow());
        r.setHeader("Accept", "application/sdp, text/plain");
        String allowEvents = events.allowEvents();
        if (allowEvents != null) {
            r.setHeader("Allow-Events", allowEvents);
        }
        if (reliableProvisionals() != ReliableProvisionals.OFF) {
            r.setHeader("Supported", REL100);
        }
        if (config.sessionTimers().enabled()) {
            SessionTimer.appendOption(r, "Supported", SessionTimer.TIMER);
        }
        return r;
    }

    private void replyNotAllowed(ServerTransaction tx) {
        SipResponse r = response(tx.request(), 405, null, null);
        r.setHeader("Allow", allow());
        tx.respond(r);
    }

    void reply(ServerTransaction tx, int status, String reason) {
        String tag = status > 100 && tx.request().to().tag() == null ? Ids.tag() : null;
        tx.respond(response(tx.request(), status, reason, tag));
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        Dialog d = dialogs.forRequest(ack);
        if (d != null && d.usageFor("ACK") instanceof CallBase call) {
            call.onAck(ack);
        } else {
            LOG.debug("ACK for no dialog: {}", ack.callId());
        }
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        if (!response.isSuccess() || !"INVITE".equals(response.cseq().method())) {
            return;
        }
        CallBase call = callsOf(response.callId()).get(response.callId());
        if (call != null) {
            call.onStray2xx(response);
        } else {
            LOG.debug("2xx for no call: {}", response.callId());
        }
    }

    /** The CSeq a fresh out-of-dialog request starts at (any value below 2**31, §8.1.1.5). */
    static long initialCSeq() {
        return 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 16);
    }
}
