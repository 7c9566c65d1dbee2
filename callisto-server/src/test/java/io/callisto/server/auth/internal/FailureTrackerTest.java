package io.callisto.server.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Failures per source: the block, its end, the window, IPv6 prefixes and the bound. */
class FailureTrackerTest {
    private final FailureTracker tracker = new FailureTracker(3, 60_000, 300_000, 10, 64);

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text); // literals only: no lookup
    }

    @Test
    void blockStartsAtTheLimitOnceAndEnds() throws Exception {
        InetAddress a = tracker.sourceOf(ip("203.0.113.1"));

        assertThat(tracker.recordFailure(a, 0)).isNull();
        assertThat(tracker.recordFailure(a, 1)).isNull();
        FailureTracker.Block block = tracker.recordFailure(a, 2);

        assertThat(block).isEqualTo(new FailureTracker.Block("203.0.113.1", 3, 300_002));
        assertThat(tracker.isBlocked(a, 300_001)).isTrue();
        assertThat(tracker.recordFailure(a, 3)).isNull(); // already blocked: no second block, no second log
        assertThat(tracker.isBlocked(a, 300_002)).isFalse();
        assertThat(tracker.recordFailure(a, 300_002)).isNull(); // counting starts again
    }

    @Test
    void windowRestartsAfterItsLength() throws Exception {
        InetAddress a = tracker.sourceOf(ip("203.0.113.1"));
        tracker.recordFailure(a, 0);
        tracker.recordFailure(a, 59_999);

        assertThat(tracker.recordFailure(a, 60_000)).isNull();
        assertThat(tracker.recordFailure(a, 60_001)).isNull();
        assertThat(tracker.recordFailure(a, 60_002)).isNotNull();
    }

    @Test
    void ipv6AddressesShareTheirPrefix() throws Exception {
        assertThat(tracker.sourceOf(ip("2001:db8:0:1::5"))).isEqualTo(tracker.sourceOf(ip("2001:db8:0:1:ab::7")))
                .isEqualTo(ip("2001:db8:0:1::"));
        assertThat(tracker.sourceOf(ip("2001:db8:0:2::5"))).isNotEqualTo(tracker.sourceOf(ip("2001:db8:0:1::5")));
        assertThat(new FailureTracker(3, 1, 1, 1, 128).sourceOf(ip("2001:db8::5"))).isEqualTo(ip("2001:db8::5"));
        assertThat(new FailureTracker(3, 1, 1, 1, 61).sourceOf(ip("2001:db8:0:f::5")))
                .isEqualTo(ip("2001:db8:0:8::"));
        assertThat(tracker.sourceOf(ip("192.0.2.1"))).isEqualTo(ip("192.0.2.1"));
    }

    @Test
    void tableIsBounded() throws Exception {
        for (int i = 0; i < 1000; i++) {
            tracker.recordFailure(ip("10.0." + (i >> 8) + "." + (i & 255)), i);
            assertThat(tracker.size()).isLessThanOrEqualTo(10);
        }
    }
}
