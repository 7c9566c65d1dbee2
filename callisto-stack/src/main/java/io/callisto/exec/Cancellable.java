package io.callisto.exec;

/** A scheduled task that may still be cancelled. Cancelling a task that already ran does nothing. */
@FunctionalInterface
public interface Cancellable {

    /** A handle for "nothing scheduled": cancelling it does nothing. */
    Cancellable NONE = () -> { };

    void cancel();
}
