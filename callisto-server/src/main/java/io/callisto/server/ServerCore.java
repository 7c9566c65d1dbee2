package io.callisto.server;

import io.callisto.server.auth.AuthResult;
import io.callisto.server.auth.DigestAuthenticator;
import io.callisto.server.proxy.Proxy;
import io.callisto.server.redirect.RedirectServer;
import io.callisto.server.registrar.Registrar;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.uri.SipUri;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transaction.TransactionUser;
import io.callisto.transport.Flow;
import java.util.Set;

/**
 * The server's transaction user: decides, for every new request, which element handles it (DESIGN principle 7:
 * elements are policies over one core). Runs on the request's owner thread.
 *
 * <ul>
 *   <li>REGISTER for one of our domains: digest check (401), then the {@link Registrar}; for another domain it
 *       is proxied like any request (§10.3 step 1).</li>
 *   <li>OPTIONS addressed to the server itself (no user part, our host): answered 200 here (§11.2), a keep-alive
 *       and monitoring probe.</li>
 *   <li>Everything else: in proxy mode, requests from our own users are challenged (407) for the configured
 *       methods when they start a dialog or stand alone, then handed to the {@link Proxy}; in redirect mode, to
 *       the {@link RedirectServer}.</li>
 *   <li>Overload and shutdown: beyond the transaction limit, or while draining, new requests get 503 with
 *       Retry-After (RFC 3261 §21.5.4) instead of piling up.</li>
 * </ul>
 */
final class ServerCore implements TransactionUser {

    private final Domains domains;
    private final Registrar registrar;
    private final Proxy proxy;
    private final RedirectServer redirect;
    private final DigestAuthenticator auth;
    private final Set<String> challenged;
    private final String realm;
    private final TransactionLayer transactions;
    private final int transactionLimit;
    private volatile boolean draining;

    ServerCore(Domains domains, Registrar registrar, Proxy proxy, RedirectServer redirect, DigestAuthenticator auth,
            Set<String> challenged, String realm, TransactionLayer transactions, int transactionLimit) {
        this.domains = domains;
        this.registrar = registrar;
        this.proxy = proxy;
        this.redirect = redirect;
        this.auth = auth;
        this.challenged = challenged;
        this.realm = realm;
        this.transactions = transactions;
        this.transactionLimit = transactionLimit;
    }

    /** From now on new requests get 503 (shutdown: in-flight transactions finish, nothing new starts). */
    void drain() {
        draining = true;
    }

    @Override
    public void onRequest(ServerTransaction tx) {
        SipRequest req = tx.request();
        String method = req.method();
        if (method.equals("CANCEL")) {
            onCancel(tx);
            return;
        }
        if (draining || transactions.transactionObjects() > transactionLimit) {
            SipResponse busy = Messages.responseTo(req, 503, draining ? "Shutting Down" : "Overloaded", null);
            busy.setHeader("Retry-After", draining ? "30" : "5");
            tx.respond(busy);
            return;
        }
        boolean toUs = domains.isOurs(req.requestUri());
        if (method.equals("REGISTER") && toUs) {
            String user = null;
            if (auth != null && challenged.contains(method)) {
                AuthResult r = auth.authenticate(req, tx.flow(), realm, false);
                if (!(r instanceof AuthResult.Accepted a)) {
                    tx.respond(responseOf(r));
                    return;
                }
                user = a.user();
            }
            registrar.onRegister(tx, user);
            return;
        }
        if (method.equals("OPTIONS") && toUs && req.requestUri() instanceof SipUri u && u.user() == null
                && req.routes().isEmpty()) {
            tx.respond(options(req));
            return;
        }
        if (redirect != null) {
            redirect.onRequest(tx);
            return;
        }
        if (auth != null && challenged.contains(method) && startsSomething(req) && fromOurUser(req)) {
            AuthResult r = auth.authenticate(req, tx.flow(), realm, true);
            if (!(r instanceof AuthResult.Accepted)) {
                tx.respond(responseOf(r));
                return;
            }
            DigestAuthenticator.consumeCredentials(req, realm); // §22.3: ours are not passed on
        }
        proxy.onRequest(tx);
    }

    private void onCancel(ServerTransaction tx) {
        if (proxy != null && redirect == null) {
            proxy.onRequest(tx);
            return;
        }
        // Redirect mode answers INVITEs at once: a CANCEL finds nothing left to cancel (§9.2).
        int status = tx.cancelTarget() == null ? 481 : 200;
        tx.respond(Messages.responseTo(tx.request(), status, null, null));
    }

    /** Out-of-dialog requests (no To tag) start a dialog or stand alone: those are the ones challenged. */
    private static boolean startsSomething(SipRequest req) {
        return req.to() == null || req.to().tag() == null;
    }

    private boolean fromOurUser(SipRequest req) {
        return req.from() != null && domains.isOurs(req.from().uri());
    }

    private static SipResponse responseOf(AuthResult r) {
        if (r instanceof AuthResult.Challenge c) {
            return c.response();
        }
        return ((AuthResult.Rejected) r).response();
    }

    /** §11.2: 200 with what we support. */
    private static SipResponse options(SipRequest req) {
        SipResponse ok = Messages.responseTo(req, 200, null, null);
        ok.setHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, MESSAGE, INFO, UPDATE, PRACK, "
                + "SUBSCRIBE, NOTIFY, REFER");
        ok.setHeader("Accept", "application/sdp");
        ok.setHeader("Supported", "path, outbound");
        return ok;
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        if (proxy != null && redirect == null) {
            proxy.onAck(ack, flow);
        }
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        if (proxy != null && redirect == null) {
            proxy.onStrayResponse(response, flow);
        }
    }
}
