package io.callisto.transaction;

/**
 * The RFC 3261 timer base values (§17.1.1.1, Table 4) from which every transaction timer is derived.
 * Defaults: T1 500 ms (RTT estimate), T2 4 s (maximum retransmit interval for non-INVITE requests and INVITE
 * responses), T4 5 s (maximum time a message stays in the network), Timer D 32 s for unreliable transports.
 */
public record TimerConfig(long t1, long t2, long t4, long timerD) {

    public static final TimerConfig DEFAULT = new TimerConfig(500, 4000, 5000, 32_000);

    public TimerConfig {
        if (t1 <= 0 || t2 < t1 || t4 <= 0 || timerD < 0) {
            throw new IllegalArgumentException("need 0 < T1 <= T2, T4 > 0, Timer D >= 0");
        }
    }

    /** Timers B, F, H, J (unreliable), L and M: 64*T1. */
    public long t1x64() {
        return 64 * t1;
    }
}
