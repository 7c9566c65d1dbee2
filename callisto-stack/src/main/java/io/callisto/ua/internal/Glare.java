package io.callisto.ua.internal;

import java.util.concurrent.ThreadLocalRandom;

/** The back-off after a 491 (Request Pending) to a re-INVITE (RFC 3261 §14.1) or an UPDATE (RFC 3311 §5.3). */
final class Glare {

    private Glare() {
    }

    /**
     * How long to wait before trying again: 2.1-4 s when this UA owns the Call-ID (it sent the initial INVITE),
     * 0-2 s otherwise, in units of 10 ms.
     */
    static long backoffMillis(boolean callIdOwner) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        return callIdOwner ? 10L * rnd.nextInt(210, 401) : 10L * rnd.nextInt(0, 201);
    }
}
