package io.callisto.server.proxy;

/**
 * How the proxy works through a target set of several contacts (RFC 3261 §16.6: "It MAY process multiple targets
 * serially ... in parallel ... or arbitrarily divide the set into groups").
 */
public enum ForkingMode {
    /** Every target at once, whatever its q-value. */
    PARALLEL,
    /**
     * Groups of equal q-value, highest first (§16.6: "Targets are processed from highest qvalue to lowest. Targets
     * with equal qvalues may be processed in parallel"); the next group starts when every branch of the current
     * one has failed or the per-group timeout ran out.
     */
    SEQUENTIAL
}
