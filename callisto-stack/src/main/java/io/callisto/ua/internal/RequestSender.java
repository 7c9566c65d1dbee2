package io.callisto.ua.internal;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transport.Destination;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Sends a non-INVITE request and completes with its final response, answering up to a few digest challenges on the
 * way (§22.2: the retry is a new request with a higher CSeq and a new branch). Runs on the Call-ID's owner thread.
 */
final class RequestSender implements ClientTransactionListener {

    /** A peer that keeps challenging after this many answers is refused: stop instead of looping. */
    private static final int MAX_CHALLENGES = 3;

    private final UaCore core;
    private final LongSupplier nextCSeq;
    private final Destination destination;
    private final CompletableFuture<SipResponse> result = new CompletableFuture<>();
    private SipRequest request;
    private int challenges;

    private RequestSender(UaCore core, SipRequest request, LongSupplier nextCSeq, Destination destination) {
        this.core = core;
        this.destination = destination;
        this.request = request;
        this.nextCSeq = nextCSeq;
    }

    /**
     * Sends {@code request} (its top Via must carry a fresh branch); {@code nextCSeq} numbers a retry after a challenge
     * (a dialog's next local sequence number, or the request's CSeq + 1 outside dialogs).
     */
    static CompletableFuture<SipResponse> send(UaCore core, SipRequest request, LongSupplier nextCSeq) {
        return send(core, request, nextCSeq, null);
    }

    /** As {@link #send(UaCore, SipRequest, LongSupplier)} to a fixed destination (e.g. a configured registrar). */
    static CompletableFuture<SipResponse> send(UaCore core, SipRequest request, LongSupplier nextCSeq,
                                               Destination destination) {
        RequestSender s = new RequestSender(core, request, nextCSeq, destination);
        core.authenticator().preauthorize(request);
        core.send(request, destination, s);
        return s.result;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response) {
        if (!response.isFinal()) {
            return;
        }
        int st = response.status();
        if ((st == 401 || st == 407) && challenges < MAX_CHALLENGES) {
            SipRequest retry = retryOf(request, nextCSeq.getAsLong());
            if (core.authenticator().authorize(retry, response)) {
                challenges++;
                request = retry;
                core.send(retry, destination, this);
                return;
            }
        }
        result.complete(response);
    }

    /** A copy of {@code original} with a new branch and CSeq, for a retry after a challenge (§22.2, §8.1.3.5). */
    static SipRequest retryOf(SipRequest original, long cseq) {
        SipRequest r = Failover.withNewBranch(original);
        r.set(Headers.CSEQ, new CSeq(cseq, original.method()));
        return r;
    }

    /** A locally made final response for a request that could not be sent at all. */
    static SipResponse localFailure(SipRequest request, int status, String reason) {
        return Messages.responseTo(request, status, reason, null);
    }
}
