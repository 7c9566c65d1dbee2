package io.callisto.ua;

import io.callisto.transaction.TimerConfig;

/** Two (or more) user agents on one {@link MemoryNetwork}, on its virtual clock. */
final class UaHarness {

    final MemoryNetwork net = new MemoryNetwork();

    UserAgent ua(String aor, int port) {
        SipStack stack = new SipStack(net.endpoint(port), net.time, TimerConfig.DEFAULT, null);
        return UserAgent.create(stack, UserAgentConfig.builder(aor).build());
    }

    UserAgent ua(UserAgentConfig config, int port) {
        SipStack stack = new SipStack(net.endpoint(port), net.time, TimerConfig.DEFAULT, null);
        return UserAgent.create(stack, config);
    }

    /** Runs queued work and timers for {@code millis} of virtual time. */
    void run(long millis) {
        net.time.advance(millis);
    }

    /** Runs queued work without moving the clock. */
    void settle() {
        net.time.runPending();
    }
}
