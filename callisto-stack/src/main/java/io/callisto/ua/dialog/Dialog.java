package io.callisto.ua.dialog;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The dialog state of RFC 3261 §12: identity, sequence numbers, local and remote URIs, remote target and route set,
 * and the usages that share it (RFC 5057). Owned by the owner thread of its Call-ID; not thread-safe.
 */
public final class Dialog {

    /** "No sequence number yet" (§12.1.1: the remote sequence number of a UAC dialog is empty). */
    public static final long EMPTY = -1;

    private final DialogId id;
    private final boolean uac;
    private final NameAddress localAddress;
    private final NameAddress remoteAddress;
    private final boolean secure;
    private DialogState state;
    private long localSeq;
    private long remoteSeq;
    private Uri remoteTarget;
    private List<NameAddress> routeSet;
    private final List<DialogUsage> usages = new ArrayList<>(2);

    private Dialog(DialogId id, boolean uac, NameAddress local, NameAddress remote, boolean secure, long localSeq,
                   long remoteSeq, Uri remoteTarget, List<NameAddress> routeSet, DialogState state) {
        this.id = id;
        this.uac = uac;
        this.localAddress = local;
        this.remoteAddress = remote;
        this.secure = secure;
        this.localSeq = localSeq;
        this.remoteSeq = remoteSeq;
        this.remoteTarget = remoteTarget;
        this.routeSet = routeSet;
        this.state = state;
    }

    /**
     * The UAC side of a dialog made by {@code response} (1xx with a To tag, or 2xx) to {@code request} (§12.1.2):
     * route set is the response's Record-Route in reverse, remote target its Contact, local sequence number the
     * request's CSeq, remote sequence number empty.
     */
    public static Dialog asUac(SipRequest request, SipResponse response) {
        List<NameAddress> rr = new ArrayList<>(response.recordRoutes());
        Collections.reverse(rr);
        DialogId id = new DialogId(request.callId(), request.from().tag(), response.to().tag());
        boolean secure = isSips(request.requestUri());
        return new Dialog(id, true, request.from(), response.to(), secure, request.cseq().number(), EMPTY,
                contactUri(response, request.requestUri()), List.copyOf(rr),
                response.isSuccess() ? DialogState.CONFIRMED : DialogState.EARLY);
    }

    /**
     * The UAS side of a dialog for {@code request}, answered with To tag {@code localTag} (§12.1.1): route set is the
     * request's Record-Route in order, remote target its Contact, remote sequence number its CSeq.
     */
    public static Dialog asUas(SipRequest request, String localTag, boolean confirmed) {
        DialogId id = new DialogId(request.callId(), localTag, request.from().tag());
        boolean secure = isSips(request.requestUri());
        return new Dialog(id, false, request.to().withTag(localTag), request.from(), secure, EMPTY,
                request.cseq().number(), contactUri(request, request.from().uri()),
                List.copyOf(request.recordRoutes()), confirmed ? DialogState.CONFIRMED : DialogState.EARLY);
    }

    /**
     * The subscriber's dialog of a subscription (RFC 6665 §4.1.2.4, §4.4.1), made by the 2xx to our SUBSCRIBE or by a
     * NOTIFY that came first (or from another fork, §4.1.3). {@code localSeq} is the CSeq of the SUBSCRIBE as last
     * sent. From a 2xx the route set is its Record-Route reversed and the remote sequence number empty (§12.1.2);
     * from a NOTIFY it is the NOTIFY's Record-Route in order and the remote sequence number its CSeq (§12.1.1).
     */
    public static Dialog asSubscriber(SipRequest subscribe, SipMessage creator, long localSeq) {
        boolean fromResponse = creator instanceof SipResponse;
        NameAddress remote = fromResponse ? creator.to() : creator.from();
        List<NameAddress> rr = new ArrayList<>(creator.recordRoutes());
        if (fromResponse) {
            Collections.reverse(rr);
        }
        DialogId id = new DialogId(subscribe.callId(), subscribe.from().tag(), remote.tag());
        return new Dialog(id, true, subscribe.from(), remote, isSips(subscribe.requestUri()), localSeq,
                fromResponse ? EMPTY : creator.cseq().number(), contactUri(creator, subscribe.requestUri()),
                List.copyOf(rr), DialogState.CONFIRMED);
    }

    private static boolean isSips(Uri uri) {
        return uri instanceof SipUri s && s.secure();
    }

    private static Uri contactUri(SipMessage m, Uri fallback) {
        List<NameAddress> contacts = m.contacts();
        return contacts.isEmpty() || contacts.get(0).isWildcard() ? fallback : contacts.get(0).uri();
    }

    public DialogId id() {
        return id;
    }

    /** True when this UA sent the dialog-creating request. */
    public boolean isUac() {
        return uac;
    }

    public DialogState state() {
        return state;
    }

    public boolean isSecure() {
        return secure;
    }

    public long localSeq() {
        return localSeq;
    }

    public long remoteSeq() {
        return remoteSeq;
    }

    public Uri remoteTarget() {
        return remoteTarget;
    }

    public List<NameAddress> routeSet() {
        return routeSet;
    }

    /** Our address with our tag (the From of requests we send in the dialog). */
    public NameAddress localAddress() {
        return localAddress;
    }

    /** The peer's address with its tag (the To of requests we send). */
    public NameAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * An early dialog becomes confirmed by a 2xx. On the UAC side the route set and remote target are recomputed
     * from the 2xx (§13.2.2.4, §12.1.2).
     */
    public void confirm(SipResponse response) {
        if (state == DialogState.TERMINATED) {
            return;
        }
        if (uac && response != null) {
            List<NameAddress> rr = new ArrayList<>(response.recordRoutes());
            Collections.reverse(rr);
            routeSet = List.copyOf(rr);
            refreshTarget(response);
        }
        state = DialogState.CONFIRMED;
    }

    public void terminate() {
        if (state == DialogState.TERMINATED) {
            return;
        }
        state = DialogState.TERMINATED;
        for (DialogUsage u : List.copyOf(usages)) {
            u.onDialogTerminated(this);
        }
        usages.clear();
    }

    /** Target refresh (§12.2.1.2, §12.2.2): the Contact of a re-INVITE/UPDATE or its 2xx replaces the remote target. */
    public void refreshTarget(SipMessage m) {
        List<NameAddress> contacts = m.contacts();
        if (!contacts.isEmpty() && !contacts.get(0).isWildcard()) {
            remoteTarget = contacts.get(0).uri();
        }
    }

    /**
     * §12.2.2: a request whose CSeq is lower than the remote sequence number is out of order (answer 500). Otherwise
     * the remote sequence number becomes the request's. ACK and CANCEL carry the INVITE's number and are not checked.
     *
     * @return false when the request is out of order
     */
    public boolean acceptRemoteSequence(SipRequest request) {
        if (request.isMethod("ACK") || request.isMethod("CANCEL")) {
            return true;
        }
        long n = request.cseq().number();
        if (remoteSeq != EMPTY && n <= remoteSeq) {
            // Equal numbers are retransmissions, absorbed by the transaction layer before they get here.
            return false;
        }
        remoteSeq = n;
        return true;
    }

    /**
     * A new request within the dialog (§12.2.1.1): To/From with the dialog's tags, Call-ID, the next local CSeq
     * (except ACK and CANCEL, which the caller numbers), Request-URI and Route from the remote target and the route
     * set (loose routing when the first route has {@code lr}, strict routing otherwise), Max-Forwards 70, and a Via
     * whose sent-by the transport fills in.
     */
    public SipRequest newRequest(String method, String branch) {
        long seq;
        if (method.equals("ACK") || method.equals("CANCEL")) {
            seq = localSeq;
        } else {
            seq = nextLocalSeq();
        }
        return newRequest(method, branch, seq);
    }

    /** As {@link #newRequest(String, String)} with an explicit CSeq number (the ACK for a 2xx uses the INVITE's). */
    public SipRequest newRequest(String method, String branch, long cseq) {
        Uri requestUri = remoteTarget;
        List<NameAddress> routes = routeSet;
        if (!routes.isEmpty() && !isLooseRoute(routes.get(0))) {
            // Strict routing (§12.2.1.1): the first route becomes the Request-URI, the remote target the last Route.
            requestUri = stripForRequestUri(routes.get(0).uri());
            List<NameAddress> rest = new ArrayList<>(routes.subList(1, routes.size()));
            rest.add(NameAddress.of(remoteTarget));
            routes = rest;
        }
        MessageBuilder b = MessageBuilder.request(method, requestUri)
                .via(Via.of("UDP", "0.0.0.0", 0, branch))
                .maxForwards(70);
        for (NameAddress r : routes) {
            b.header(Headers.ROUTE, r);
        }
        b.from(localAddress).to(remoteAddress).callId(id.callId()).header(Headers.CSEQ, new CSeq(cseq, method));
        return b.buildRequest();
    }

    /** Takes the next local sequence number (for a request built elsewhere, e.g. a retry after a challenge). */
    public long nextLocalSequence() {
        return nextLocalSeq();
    }

    private long nextLocalSeq() {
        if (localSeq == EMPTY) {
            // §12.2.1.1: a UAS that has not sent a request yet picks its first number; 1 is as good as any.
            localSeq = 0;
        }
        return ++localSeq;
    }

    private static boolean isLooseRoute(NameAddress route) {
        return route.uri() instanceof SipUri s && s.lr();
    }

    private static Uri stripForRequestUri(Uri uri) {
        // §12.2.1.1 / §19.1.1: parameters not allowed in a Request-URI are stripped (here: method, and headers).
        if (uri instanceof SipUri s) {
            return s.withoutParameter("method").withoutHeaders();
        }
        return uri;
    }

    /** Attaches a usage (RFC 5057); the INVITE usage of a call, later subscriptions. */
    public void addUsage(DialogUsage usage) {
        if (!usages.contains(usage)) {
            usages.add(usage);
        }
    }

    /** Detaches a usage; returns true when it was the last one, in which case the dialog should be terminated. */
    public boolean removeUsage(DialogUsage usage) {
        usages.remove(usage);
        return usages.isEmpty();
    }

    /** The usages of this dialog, in the order they were added (read-only view). */
    public List<DialogUsage> usages() {
        return Collections.unmodifiableList(usages);
    }

    /** The usage that handles {@code method}, or null. */
    public DialogUsage usageFor(String method) {
        for (DialogUsage u : usages) {
            if (u.handles(method)) {
                return u;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Dialog[" + id.callId() + " " + id.localTag() + "/" + id.remoteTag() + " " + state + "]";
    }
}
