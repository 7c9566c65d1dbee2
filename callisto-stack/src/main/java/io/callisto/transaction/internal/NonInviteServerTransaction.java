package io.callisto.transaction.internal;

import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TRYING;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ServerTransaction;
import io.callisto.transport.Flow;

/**
 * The non-INVITE server transaction: RFC 3261 §17.2.2, Figure 8.
 *
 * <pre>
 *   (request)  --pass to TU-------------------------------------------> Trying
 *   Trying     --request (retransmission): discarded-------------------> Trying
 *   Trying, Proceeding --1xx from TU: sent-----------------------------> Proceeding
 *   Trying, Proceeding --200-699 from TU: sent, start J----------------> Completed
 *   Proceeding --request (retransmission): last provisional resent-----> Proceeding
 *   Completed  --request (retransmission): final resent----------------> Completed
 *   Completed  --further final responses from TU: discarded------------> Completed
 *   Completed  --Timer J (64*T1 unreliable, zero reliable)-------------> Terminated
 *   any        --transport error: inform TU----------------------------> same state (RFC 6026 §8.8)
 * </pre>
 *
 * A CANCEL is one of these; it knows the INVITE server transaction it cancels (§9.2).
 */
public final class NonInviteServerTransaction extends ServerTransactionBase {

    private final ServerTransaction cancelTarget;

    /**
     * A transaction for a request (not INVITE, not ACK) that matched none; {@code cancelTarget} is the INVITE
     * transaction a CANCEL matches, else null; {@code key} is its {@link Keys#server} key when already made (else
     * null).
     */
    public NonInviteServerTransaction(TransactionTable table, SipRequest request, Flow flow, Via via, CSeq cseq,
            String callId, ServerTransaction cancelTarget, String key) {
        super(table, request, flow, via, cseq, callId, request.method(), key, TRYING);
        this.cancelTarget = cancelTarget;
    }

    @Override
    public boolean isInvite() {
        return false;
    }

    /** Trying needs no timer. */
    @Override
    public void start() {
    }

    @Override
    public ServerTransaction cancelTarget() {
        return cancelTarget;
    }

    @Override
    public boolean respond(SipResponse response) {
        if (state != TRYING && state != PROCEEDING) {
            return false; // §17.2.2: other final responses are discarded in Completed
        }
        if (response.status() < 200) {
            state = PROCEEDING;
            sendNew(response);
        } else {
            state = COMPLETED;
            sendNew(response);
            if (reliable) {
                terminated(); // Timer J is zero
            } else if (!storeCompleted(timers().t1x64())) {
                shed(true);
                lingerFor(timers().t1x64());
            }
        }
        return true;
    }

    @Override
    public void onRetransmission() {
        if (state == PROCEEDING || state == COMPLETED) {
            resend(); // §17.2.2: the most recent provisional, or the final response
        }
    }

    @Override
    void lingerEnded() {
        timerJ();
    }

    private void timerJ() {
        if (state == COMPLETED) {
            terminated();
        }
    }
}
