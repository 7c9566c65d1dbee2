package io.callisto.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.server.location.Binding;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Bindings for the store tests, and a bounded wait. */
final class TestBindings {

    private TestBindings() {
    }

    /** A binding of {@code aor} for {@code contact}, expiring at {@code expiresAt}. */
    static Binding binding(String aor, String contact, long expiresAt) {
        return new Binding(aor, contact, 0.5, expiresAt, "call-" + contact, 7, null, 0,
                List.of("<sip:edge.example.com;lr>", "<sip:core.example.com;lr>"), "udp:203.0.113.5:40312", null,
                "node-1", "TestUA/1.0", System.currentTimeMillis());
    }

    /** A binding of {@code aor} for {@code contact} that lives an hour. */
    static Binding live(String aor, String contact) {
        return binding(aor, contact, System.currentTimeMillis() + 3_600_000);
    }

    /** An RFC 5626 outbound binding (keyed by instance and reg-id). */
    static Binding outbound(String aor, String contact, String instance, int regId) {
        return new Binding(aor, contact, -1, System.currentTimeMillis() + 3_600_000, "ob-call", 1, instance, regId,
                List.of(), "tcp:198.51.100.7:5062", "flow-17", "node-1", null, System.currentTimeMillis());
    }

    /** Polls {@code condition} every 20 ms for up to {@code timeout}; fails with {@code what} if it never holds. */
    static void eventually(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                assertThat(condition.getAsBoolean()).as(what + " within " + timeout.toMillis() + " ms").isTrue();
                return;
            }
            Thread.sleep(20);
        }
    }
}
