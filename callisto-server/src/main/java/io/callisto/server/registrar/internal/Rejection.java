package io.callisto.server.registrar.internal;

import java.util.List;

/**
 * A final non-2xx answer to a REGISTER, decided before or during the change: status, reason phrase and the extra
 * header lines the status requires (Min-Expires for 423, Unsupported for 420, Require for 421, ...).
 *
 * @param status  the status code
 * @param reason  the reason phrase (no control characters)
 * @param headers extra header lines, each {@code {name, value}}
 */
public record Rejection(int status, String reason, List<String[]> headers) {

    public Rejection {
        headers = List.copyOf(headers);
    }

    /** A rejection without extra headers. */
    public static Rejection of(int status, String reason) {
        return new Rejection(status, reason, List.of());
    }

    /** A rejection with one extra header line. */
    public static Rejection of(int status, String reason, String header, String value) {
        return new Rejection(status, reason, List.<String[]>of(new String[] {header, value}));
    }
}
