package io.callisto.ua;

/**
 * Receives {@link CallEvent}s. Called on the call's owner thread: do not block; hand long work to another executor.
 */
@FunctionalInterface
public interface CallListener {

    void onEvent(CallEvent event);
}
