package io.callisto.media.rtp;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the tests of sessions on real loopback sockets share: a port range and bounded waiting. */
final class LoopbackMedia {

    private LoopbackMedia() {
    }

    /** 100 port pairs at a random even base below the ephemeral range (tests running at once rarely collide). */
    static PortRange ports() {
        int base = 20000 + 2 * ThreadLocalRandom.current().nextInt(5000);
        return new PortRange(base, base + 199);
    }

    /** Waits up to 15 s for {@code condition}, polling every 20 ms. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
