package io.callisto.jmh.uas;

import java.util.concurrent.atomic.LongAdder;

/**
 * Event counters of the benchmark UAS. Listener threads update them concurrently ({@link LongAdder}s, no lock);
 * {@link #toString()} formats one {@code key=value} line for the status output that {@code bench/ua-load.sh} keeps.
 */
final class UasCounters {
    private static final int PRINTED_ERRORS = 20;

    final LongAdder invites = new LongAdder();
    final LongAdder acks = new LongAdder();
    final LongAdder byes = new LongAdder();
    final LongAdder cancels = new LongAdder();
    final LongAdder other = new LongAdder();
    final LongAdder raced = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final LongAdder dialogsTerminated = new LongAdder();
    final LongAdder errors = new LongAdder();

    /** Counts a failed request handling; prints the first few stack traces to stderr. */
    void error(Exception e) {
        errors.increment();
        if (errors.sum() <= PRINTED_ERRORS) {
            e.printStackTrace();
        }
    }

    @Override
    public String toString() {
        return "invites=" + invites.sum() + " acks=" + acks.sum() + " byes=" + byes.sum()
                + " cancels=" + cancels.sum() + " other=" + other.sum() + " raced=" + raced.sum()
                + " timeouts=" + timeouts.sum() + " ioErrors=" + ioErrors.sum()
                + " dialogsTerminated=" + dialogsTerminated.sum() + " errors=" + errors.sum();
    }
}
