package io.callisto.bench.scenario;

/**
 * A scenario file (or a CSV injection file) that cannot be run: malformed XML, an element, attribute or keyword
 * this tool does not support, a jump to a missing label. The message names the offending item and, when known,
 * where it is, so the user can fix the file; the CLI turns it into exit status 2.
 */
public final class ScenarioException extends RuntimeException {

    /** An error with a message for the user. */
    public ScenarioException(String message) {
        super(message, null, false, false);
    }
}
