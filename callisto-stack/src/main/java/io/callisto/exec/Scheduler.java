package io.callisto.exec;

/**
 * Time as the stack sees it (DESIGN principle 4: time is injected). Every timer in the stack, from
 * Timer A to a registration's expiry, is scheduled through a {@code Scheduler}, so tests can run an RFC timer
 * sequence on a {@link VirtualTime} clock in microseconds and deterministically.
 *
 * <p>A scheduler belongs to one {@link Owner}: tasks run on the owner's thread, never concurrently with each
 * other or with other work of that owner.
 */
public interface Scheduler {

    /** Monotonic milliseconds; only differences are meaningful. */
    long nowMillis();

    /**
     * Runs {@code task} on the owner's thread once {@code delayMillis} have passed.
     *
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(long delayMillis, Runnable task);
}
