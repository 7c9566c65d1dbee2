package io.callisto.bench.report;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over a whole run. A "call" is one scenario instance: a call, a registration, an OPTIONS ping or a
 * MESSAGE, depending on the scenario.
 *
 * @param attempted          scenario instances started (calls seized)
 * @param answered           instances that succeeded (a 2xx to the INVITE for calls; a 2xx final response
 *                           for the other scenarios)
 * @param failed             instances that ended unsuccessfully; {@code failuresByReason} splits them
 * @param failuresByReason   failed instances by reason: the final status code as text ({@code "486"},
 *                           {@code "503"}), {@code "timeout"} (no final response in time),
 *                           {@code "transport"} (could not send) or {@code "unexpected"} (a message the
 *                           scenario did not expect ended the call)
 * @param retransmissions    requests and responses this tool sent again
 * @param unexpectedMessages messages received that matched no call or no step of their call
 * @param maxConcurrent      the highest number of calls in progress at one time
 * @param rtp                the media sessions' figures over the run; null for a run without {@code --rtp}
 */
public record Totals(
        long attempted,
        long answered,
        long failed,
        Map<String, Long> failuresByReason,
        long retransmissions,
        long unexpectedMessages,
        long maxConcurrent,
        RtpFigures rtp) {

    public Totals {
        failuresByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(failuresByReason));
    }

    /** The totals of a run without RTP. */
    public Totals(long attempted, long answered, long failed, Map<String, Long> failuresByReason,
                  long retransmissions, long unexpectedMessages, long maxConcurrent) {
        this(attempted, answered, failed, failuresByReason, retransmissions, unexpectedMessages, maxConcurrent, null);
    }

    /**
     * Answer/seizure ratio (ITU-T E.411): answered over attempted, from 0 to 1; 0 when nothing was attempted.
     */
    public double answerSeizureRatio() {
        return attempted == 0 ? 0 : (double) answered / attempted;
    }
}
