package io.callisto.bench.report;

/**
 * Whether the run delivered the load it was asked for. The engine says it did not when the achieved rate
 * stayed more than 2% under the target (after the ramp) or the maximum of concurrent calls held calls back,
 * so that a report never shows a lower rate without saying why.
 *
 * @param keptUp  true when the achieved rate was within 2% of the target for the whole run after the ramp
 * @param message one line for a human: {@code "achieved 498.7/s of 500/s"} or the reason it fell behind,
 *                e.g. {@code "fell behind from 12 s: 5000 calls in progress reached --max-concurrent"}
 */
public record LoadVerdict(boolean keptUp, String message) {
}
