package io.callisto.transaction;

import io.callisto.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/** A client transaction listener that records responses and terminations. */
final class RecordingListener implements ClientTransactionListener {

    final List<SipResponse> responses = new ArrayList<>();
    int terminated;

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
    }

    @Override
    public void onTerminated(ClientTransaction transaction) {
        terminated++;
    }

    List<Integer> statuses() {
        return responses.stream().map(SipResponse::status).toList();
    }

    SipResponse last() {
        return responses.get(responses.size() - 1);
    }
}
