package io.callisto.transaction.internal;

import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;
import static io.callisto.transaction.TransactionState.TRYING;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transport.Destination;

/**
 * The non-INVITE client transaction: RFC 3261 §17.1.2.2, Figure 6.
 *
 * <pre>
 *   Trying     --Timer E: resend, E = min(2E, T2) (unreliable only)--> Trying
 *   Trying     --1xx: to TU---------------------------------------------> Proceeding
 *   Trying, Proceeding --200-699: to TU, start K------------------------> Completed
 *   Trying, Proceeding --Timer F or transport error: 408/503 to TU------> Terminated
 *   Proceeding --Timer E: resend, E = T2--------------------------------> Proceeding
 *   Proceeding --1xx: to TU---------------------------------------------> Proceeding
 *   Completed  --any response (retransmission): absorbed----------------> Completed
 *   Completed  --Timer K------------------------------------------------> Terminated
 * </pre>
 */
public final class NonInviteClientTransaction extends ClientTransactionBase {

    /** A transaction for {@code request} (not INVITE, not ACK; already prepared) to {@code destination}. */
    public NonInviteClientTransaction(TransactionTable table, SipRequest request, Destination destination,
            String branch, ClientTransactionListener listener) {
        super(table, request, destination, branch, listener, TRYING);
    }

    @Override
    public boolean isInvite() {
        return false;
    }

    /** Enters Trying: sends the request, Timer E at T1 (unreliable transports only), Timer F at 64*T1. */
    @Override
    public void start() {
        send(request);
        if (!reliable) {
            interval = timers().t1();
            retransmitTimer = schedule(interval, this::timerE);
        }
        lifetimeTimer = schedule(timers().t1x64(), this::timerF);
    }

    @Override
    public void onResponse(SipResponse response) {
        if (state != TRYING && state != PROCEEDING) {
            return; // Completed absorbs retransmissions; Terminated is gone from the table anyway
        }
        if (response.status() < 200) {
            state = PROCEEDING; // retransmissions go on (Timer E keeps running, at T2 from its next firing)
            deliver(response);
        } else {
            state = COMPLETED;
            cancelTimers();
            deliver(response);
            linger(COMPLETED, reliable ? 0 : timers().t4());
        }
    }

    /** Timer E: retransmit; the interval doubles up to T2 in Trying and is T2 in Proceeding (§17.1.2.2). */
    private void timerE() {
        if (state != TRYING && state != PROCEEDING) {
            return;
        }
        send(request);
        long t2 = timers().t2();
        interval = state == PROCEEDING ? t2 : Math.min(2 * interval, t2);
        retransmitTimer = schedule(interval, this::timerE);
    }

    /** Timer F: no final response within 64*T1. */
    private void timerF() {
        if (state == TRYING || state == PROCEEDING) {
            timedOut();
        }
    }

    @Override
    void lingerEnded() {
        timerK();
    }

    private void timerK() {
        if (state == COMPLETED) {
            terminated();
        }
    }

    @Override
    void onTransportError(Throwable cause) {
        if (state == TRYING || state == PROCEEDING) {
            failed();
        }
    }
}
