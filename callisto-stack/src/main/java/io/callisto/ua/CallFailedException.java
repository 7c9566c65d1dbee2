package io.callisto.ua;

/**
 * Completes a call's {@link Call#answered()} future when the call ends without being answered: a final
 * non-2xx response (status and reason of that response), a timeout (408) or a transport failure (503), a CANCEL
 * (487) or a local hang-up.
 */
public final class CallFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public CallFailedException(int status, String reason) {
        super(status + " " + reason, null, false, false);
        this.status = status;
    }

    /** The SIP status that ended the call. */
    public int status() {
        return status;
    }
}
