package io.callisto.ua.internal;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.Branch;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transaction.TransactionLayer;
import io.callisto.transport.Destination;
import io.callisto.transport.dns.ServerLocator;
import java.util.List;

/**
 * Sends one request along the ordered targets RFC 3263 found, moving to the next on failure (§4.3): a transport
 * error (local 503), a timeout without any response (Timer B or F, local 408), or a 503 from the server, whose
 * Retry-After also keeps that target out of later lists while it runs (RFC 3261 §21.5.4). Each attempt is a new
 * client transaction: the same request with a new Via branch. The TU's listener sees one transaction at a time
 * (told through {@link UaCore.TransactionAware}) and only the responses that end the search: provisionals, the
 * final response of the last attempt, and any final response that is not a failure.
 *
 * <p>An INVITE that got a provisional response other than 100 does not fail over (its early dialogs belong to
 * that server), nor does a request whose TU has given up ({@link UaCore.TransactionAware#mayFailOver()}). Runs on
 * the Call-ID's owner thread.
 */
final class Failover implements ClientTransactionListener {

    private final UaCore core;
    private final ServerLocator locator;
    private final List<Destination> targets;
    private final ClientTransactionListener listener;
    private SipRequest request;
    private ClientTransaction current;
    private int index;
    private boolean anyResponse;
    private boolean provisional;

    Failover(UaCore core, ServerLocator locator, SipRequest request, List<Destination> targets,
             ClientTransactionListener listener) {
        this.core = core;
        this.locator = locator;
        this.request = request;
        this.targets = targets;
        this.listener = listener;
    }

    /** Sends to the first target. */
    void start() {
        send();
    }

    private void send() {
        current = core.transactions().sendRequest(request, targets.get(index), this);
        if (listener instanceof UaCore.TransactionAware a) {
            a.onTransaction(current);
        }
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (tx != current) {
            return; // a late response of an abandoned attempt
        }
        if (!response.isFinal()) {
            anyResponse = true;
            provisional |= response.status() > 100;
            listener.onResponse(tx, response);
            return;
        }
        boolean local = TransactionLayer.isLocal(response);
        if (response.status() == 503 && !local) {
            anyResponse = true;
            locator.noteRetryAfter(tx.destination(), response);
        }
        if (failed(response, local) && index + 1 < targets.size() && mayFailOver()) {
            index++;
            request = withNewBranch(request);
            send();
            return;
        }
        listener.onResponse(tx, response);
    }

    @Override
    public void onTerminated(ClientTransaction tx) {
        if (tx == current) {
            listener.onTerminated(tx);
        }
    }

    /** §4.3: a transport failure, a 503, or a timeout with no response at all. */
    private boolean failed(SipResponse response, boolean local) {
        return switch (response.status()) {
            case 503 -> true;
            case 408 -> local && !anyResponse;
            default -> false;
        };
    }

    private boolean mayFailOver() {
        if (request.isMethod("INVITE") && provisional) {
            return false;
        }
        return !(listener instanceof UaCore.TransactionAware a) || a.mayFailOver();
    }

    /** §4.3: "a new request, identical to the previous, but with a different value of the Via branch ID". */
    static SipRequest withNewBranch(SipRequest original) {
        SipRequest r = original.copy();
        Via top = r.removeFirst(Headers.VIA);
        r.addFirst(Headers.VIA, Via.of(top.transport(), top.host(), top.port(), Branch.next()));
        return r;
    }
}
