package io.callisto.transaction;

import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A TU that records what the transaction layer hands it; {@link #onNewRequest} may answer at once. */
final class RecordingUser implements TransactionUser {

    final List<ServerTransaction> requests = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipResponse> strays = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();
    Consumer<ServerTransaction> onNewRequest = tx -> { };

    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
        onNewRequest.accept(transaction);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        acks.add(ack);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        strays.add(response);
    }

    @Override
    public void onServerTransactionFailure(ServerTransaction transaction, Throwable cause) {
        failures.add(cause);
    }

    ServerTransaction last() {
        return requests.get(requests.size() - 1);
    }
}
