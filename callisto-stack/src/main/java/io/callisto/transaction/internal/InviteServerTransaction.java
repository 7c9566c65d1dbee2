package io.callisto.transaction.internal;

import static io.callisto.transaction.TransactionState.ACCEPTED;
import static io.callisto.transaction.TransactionState.COMPLETED;
import static io.callisto.transaction.TransactionState.CONFIRMED;
import static io.callisto.transaction.TransactionState.PROCEEDING;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import java.util.concurrent.TimeoutException;

/**
 * The INVITE server transaction: RFC 3261 §17.2.1, Figure 7 as replaced by RFC 6026 §8.6.
 *
 * <pre>
 *   (INVITE)   --pass to TU; 100 Trying after 200 ms unless the TU responded--> Proceeding
 *   Proceeding --INVITE (retransmission): last provisional resent--------------> Proceeding
 *   Proceeding --101-199 from TU: sent-----------------------------------------> Proceeding
 *   Proceeding --2xx from TU: sent, start L------------------------------------> Accepted   (RFC 6026)
 *   Proceeding --300-699 from TU: sent, start G (unreliable) and H-------------> Completed
 *   Completed  --INVITE (retransmission) or Timer G: final resent, G doubles to T2-> Completed
 *   Completed  --ACK: absorbed, start I----------------------------------------> Confirmed
 *   Completed  --Timer H: inform TU--------------------------------------------> Terminated
 *   Confirmed  --ACK: absorbed-------------------------------------------------> Confirmed
 *   Confirmed  --Timer I-------------------------------------------------------> Terminated
 *   Accepted   --INVITE (retransmission): absorbed-----------------------------> Accepted
 *   Accepted   --2xx from TU (its retransmissions): sent------------------------> Accepted
 *   Accepted   --ACK: to TU----------------------------------------------------> Accepted
 *   Accepted   --Timer L-------------------------------------------------------> Terminated
 *   any        --transport error: inform TU------------------------------------> same state (RFC 6026 §8.8)
 * </pre>
 */
public final class InviteServerTransaction extends ServerTransactionBase {

    /** §17.2.1: the 100 (Trying) goes out unless the TU responds within 200 ms. */
    public static final long TRYING_DELAY_MILLIS = 200;

    /**
     * A transaction for an INVITE that matched none (§17.2.3); {@code via}, {@code cseq}, {@code callId} are its, and
     * {@code key} its {@link Keys#server} key when already made (else null).
     */
    public InviteServerTransaction(TransactionTable table, SipRequest invite, Flow flow, Via via, CSeq cseq,
            String callId, String key) {
        super(table, invite, flow, via, cseq, callId, "INVITE", key, PROCEEDING);
    }

    @Override
    public boolean isInvite() {
        return true;
    }

    /** Enters Proceeding; the caller then passes the INVITE to the TU and calls {@link #afterUser()}. */
    @Override
    public void start() {
    }

    /**
     * Arms the 100 Trying delay only when the TU has not responded while it had the INVITE: a UA that answers at
     * once (the common case under load) then costs no timer to set and cancel.
     */
    @Override
    public void afterUser() {
        if (state == PROCEEDING && lastResponse == null) {
            retransmitTimer = schedule(TRYING_DELAY_MILLIS, this::trying);
        }
    }

    @Override
    public boolean respond(SipResponse response) {
        int status = response.status();
        switch (state) {
            case PROCEEDING -> {
                retransmitTimer.cancel(); // the TU answered: no automatic 100
                if (status < 200) {
                    sendNew(response);
                } else if (status < 300) {
                    state = ACCEPTED;
                    cancelTimers();
                    lingerFor(timers().t1x64());
                    sendUnkept(response);
                } else {
                    state = COMPLETED;
                    cancelTimers();
                    if (!reliable) {
                        interval = timers().t1();
                        retransmitTimer = schedule(interval, this::timerG);
                    }
                    lifetimeTimer = schedule(timers().t1x64(), this::timerH);
                    sendNew(response);
                }
                return true;
            }
            case ACCEPTED -> {
                if (status >= 200 && status < 300) {
                    sendUnkept(response); // RFC 6026 §8.7: the TU's 2xx retransmissions (or another 2xx) go out
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void onRetransmission() {
        switch (state) {
            case PROCEEDING -> {
                if (lastResponse == null) {
                    trying(); // the INVITE came again before the 200 ms were up: quench it now
                } else {
                    resend(); // §17.2.1: the most recent provisional
                }
            }
            case COMPLETED -> resend(); // §17.2.1: the final response
            default -> { } // Confirmed; Accepted absorbs (RFC 6026 §8.7)
        }
    }

    /**
     * An ACK matched this transaction (§17.2.3). Returns true when the transaction absorbed it; false when it is
     * for the TU (Accepted: the ACK for a 2xx, RFC 6026 §7.1), which the caller then passes up.
     */
    public boolean onAck() {
        switch (state) {
            case COMPLETED -> {
                state = CONFIRMED; // §17.2.1: Timer G is ignored from now on, so retransmissions cease
                cancelTimers();
                shed(false);
                linger(reliable ? 0 : timers().t4());
                return true;
            }
            case ACCEPTED -> {
                return false;
            }
            default -> {
                return true; // Confirmed absorbs further ACKs; an ACK in Proceeding acknowledges nothing
            }
        }
    }

    /** The automatic 100 (Trying): §8.2.6 without a To tag (§17.2.1 downgrades the tag to SHOULD NOT). */
    private void trying() {
        if (state == PROCEEDING && lastResponse == null) {
            retransmitTimer.cancel();
            sendNew(Messages.responseTo(request, 100));
        }
    }

    /** Timer G: resend the final response; the interval doubles up to T2 (§17.2.1). */
    private void timerG() {
        if (state != COMPLETED) {
            return;
        }
        resend();
        interval = Math.min(2 * interval, timers().t2());
        retransmitTimer = schedule(interval, this::timerG);
    }

    /** Timer H: the ACK never came; a transaction failure for the TU (§17.2.1). */
    private void timerH() {
        if (state == COMPLETED) {
            terminated();
            table.user().onServerTransactionFailure(this, new TimeoutException("Timer H: no ACK came"));
        }
    }

    /** Timer I in Confirmed, Timer L in Accepted. */
    @Override
    void lingerEnded() {
        if (state == CONFIRMED) {
            timerI();
        } else {
            timerL();
        }
    }

    private void timerI() {
        if (state == CONFIRMED) {
            terminated();
        }
    }

    private void timerL() {
        if (state == ACCEPTED) {
            terminated();
        }
    }
}
