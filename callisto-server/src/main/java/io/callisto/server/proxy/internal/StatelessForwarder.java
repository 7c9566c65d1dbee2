package io.callisto.server.proxy.internal;

import io.callisto.exec.Owners;
import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateless forwarding (RFC 3261 §16.11) of the ACKs no transaction absorbed: the ACK for a 2xx, which travels end
 * to end along the dialog's route set (§13.2.2.4), so it reaches this proxy through its Record-Route. The ACK
 * gets the route preprocessing of §16.4, goes over the flow named by a Route token or to the next hop of its
 * Route/request-URI, with Max-Forwards decremented and a Via whose branch is a function of the received one, so
 * that a retransmitted ACK is forwarded identically (§16.11). An ACK that would end here (its request-URI is this
 * proxy or one of our domains and no Route is left) is dropped: there is nobody to acknowledge.
 */
public final class StatelessForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(StatelessForwarder.class);

    private final ProxyServices services;
    private final Owners owners;

    /** A forwarder sending through {@code services}; DNS answers come back to the Call-ID's owner of {@code owners}. */
    public StatelessForwarder(ProxyServices services, Owners owners) {
        this.services = services;
        this.owners = owners;
    }

    /** Forwards {@code ack}, received on {@code arrival}; call on the owner of its Call-ID. Never throws. */
    public void forward(SipRequest ack, Flow arrival) {
        try {
            int maxForwards = ack.maxForwards();
            if (maxForwards == 0) {
                LOG.debug("ACK not forwarded: Max-Forwards is 0");
                return;
            }
            String branch = statelessBranch(ack);
            List<Flow> tokens = RoutePreprocessing.apply(ack, arrival, services.local());
            Flow flow = RoutePreprocessing.flowFromTokens(tokens, arrival);
            Uri ruri = ack.requestUri();
            if (flow == null && ack.count(HeaderName.ROUTE) == 0
                    && (!(ruri instanceof SipUri s) || services.local().isOurs(s))) {
                LOG.debug("ACK for {} ends here; dropped", ruri);
                return;
            }
            ack.set(Headers.MAX_FORWARDS, Forwarding.maxForwards(maxForwards, services.config().maxForwards()));
            Forwarding.strictRouteReformat(ack);
            if (ack.contentLength() < 0) {
                ack.set(Headers.CONTENT_LENGTH, (long) ack.bodyLength());
            }
            if (flow != null) {
                send(ack, branch, Destination.over(flow));
                return;
            }
            Uri hop = NextHop.uriOf(ack);
            CompletableFuture<Destination> f = services.nextHop().resolve(hop);
            if (f.isDone() && !f.isCompletedExceptionally()) {
                send(ack, branch, f.join());
            } else {
                String callId = ack.callId();
                f.whenComplete((d, e) -> owners.ownerOf(callId).execute(() -> {
                    if (d == null) {
                        LOG.debug("ACK not forwarded: cannot resolve {}: {}", hop, e == null ? "" : e.getMessage());
                    } else {
                        send(ack, branch, d);
                    }
                }));
            }
        } catch (RuntimeException e) {
            LOG.debug("ACK not forwarded: {}", e.getMessage());
        }
    }

    private void send(SipRequest ack, String branch, Destination d) {
        Forwarding.addVia(ack, branch, services.local(), d);
        services.transactions().sendStateless(ack, d);
    }

    /**
     * §16.11's recommended branch: a hash of the received branch when it has the magic cookie, else of the top Via,
     * the tags, Call-ID, CSeq number and request-URI; the same for every retransmission.
     */
    static String statelessBranch(SipRequest request) {
        Via top = request.topVia();
        String seed;
        if (top != null && top.hasMagicCookie()) {
            seed = top.branch();
        } else {
            seed = String.valueOf(top) + '|' + request.to().tag() + '|' + request.from().tag() + '|'
                    + request.callId() + '|' + request.cseq().number() + '|' + request.requestUriText();
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < seed.length(); i++) {
            h = (h ^ seed.charAt(i)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(h);
        return Via.MAGIC_COOKIE + "sl" + "0000000000000000".substring(hex.length()) + hex;
    }
}
