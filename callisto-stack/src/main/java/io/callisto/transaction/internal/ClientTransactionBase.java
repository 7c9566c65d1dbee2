package io.callisto.transaction.internal;

import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transaction.ClientTransaction;
import io.callisto.transaction.ClientTransactionListener;
import io.callisto.transaction.TransactionState;
import io.callisto.transport.Destination;
import io.callisto.transport.SendListener;

/**
 * What the two client machines share (§17.1): the request, where it goes, the listener, and the ways a client
 * transaction ends (timeout, transport failure, the end of Completed or Accepted, the TU giving up).
 *
 * <p>Runs on its owner's thread. The transaction is its own {@link SendListener} for every message it sends (no
 * allocation per send); a failure, which may be reported on an I/O thread, is queued to the owner.
 */
public abstract class ClientTransactionBase extends TransactionMachine implements ClientTransaction, SendListener {

    final SipRequest request;
    final Destination destination;
    final ClientTransactionListener listener;
    final boolean reliable;
    private final String branch;
    private final String key;

    ClientTransactionBase(TransactionTable table, SipRequest request, Destination destination, String branch,
            ClientTransactionListener listener, TransactionState initial) {
        super(table, initial);
        this.request = request;
        this.destination = destination;
        this.branch = branch;
        this.key = Keys.client(branch, request.method());
        this.listener = listener;
        this.reliable = destination.transport().reliable();
    }

    /** Sends the request and starts the timers of the initial state (Calling or Trying). */
    public abstract void start();

    /** A response matched this transaction (§17.1.3). */
    public abstract void onResponse(SipResponse response);

    /** The transport could not send something this transaction sent; runs on the owner (§17.1.4). */
    abstract void onTransportError(Throwable cause);

    /** The table key: branch and method (§17.1.3). */
    public String key() {
        return key;
    }

    @Override
    public SipRequest request() {
        return request;
    }

    @Override
    public String branch() {
        return branch;
    }

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public TransactionState state() {
        return state;
    }

    @Override
    public void terminate() {
        end();
    }

    @Override
    public void onFailure(Throwable cause) {
        // Always queued, even on the owner thread: a transport that fails synchronously inside send() must not
        // re-enter the machine (or the TU) in the middle of a transition.
        table.owner().execute(() -> onTransportError(cause));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    void send(SipMessage message) {
        table.transport().send(message, destination, this);
    }

    void deliver(SipResponse response) {
        listener.onResponse(this, response);
    }

    /** Enters a state that lasts {@code millis} (Timer D or K; zero on reliable transports ends it at once). */
    void linger(TransactionState waiting, long millis) {
        if (state != waiting) {
            return; // the TU ended the transaction while handling the response
        }
        if (millis <= 0) {
            terminated();
        } else {
            lingerFor(millis);
        }
    }

    /** Timer B or F in a state that still waits for a final response: a local 408 to the TU (§8.1.3.1). */
    void timedOut() {
        if (!end()) {
            return;
        }
        listener.onResponse(this, LocalResponses.timeout(request));
        listener.onTerminated(this);
    }

    /** The request could not be sent: a local 503 to the TU (§8.1.3.1, §17.1.4), then Terminated. */
    void failed() {
        if (!end()) {
            return;
        }
        listener.onResponse(this, LocalResponses.transportFailure(request));
        listener.onTerminated(this);
    }

    /** Moves to Terminated, leaves the table and tells the listener. */
    void terminated() {
        if (end()) {
            listener.onTerminated(this);
        }
    }

    /** Moves to Terminated and leaves the table without callbacks; false when already terminated. */
    private boolean end() {
        if (state == TransactionState.TERMINATED) {
            return false;
        }
        state = TransactionState.TERMINATED;
        cancelTimers();
        table.remove(this);
        return true;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + request.method() + " " + branch + " " + state + "]";
    }
}
