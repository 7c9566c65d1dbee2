package io.callisto.server.registrar.internal;

/** Thrown by {@link RegisterParser} to stop at the first rule a REGISTER breaks; no stack trace (cheap). */
public final class Rejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The answer to send. */
    public final transient Rejection rejection;

    public Rejected(Rejection rejection) {
        super(rejection.status() + " " + rejection.reason(), null, false, false);
        this.rejection = rejection;
    }

    /** A rejection with a status and reason phrase. */
    public static Rejected with(int status, String reason) {
        return new Rejected(Rejection.of(status, reason));
    }
}
