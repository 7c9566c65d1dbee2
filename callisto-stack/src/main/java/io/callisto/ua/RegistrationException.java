package io.callisto.ua;

/** A registration or its removal failed: the registrar's final status, or 408/503 for a timeout or no route. */
public final class RegistrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;

    public RegistrationException(int status, String reason) {
        super(status + " " + reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
