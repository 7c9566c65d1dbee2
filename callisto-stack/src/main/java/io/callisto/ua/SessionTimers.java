package io.callisto.ua;

/**
 * Session timer policy (RFC 4028): whether this UA supports the extension, the session interval it asks for, and the
 * smallest one it accepts.
 *
 * <p>When enabled, every INVITE and UPDATE we send lists {@code timer} in Supported and asks for {@code interval}
 * seconds in Session-Expires (§7.1); an incoming INVITE or UPDATE asking for less than {@code minimum} gets 422 with
 * our Min-SE (§9); the 2xx we send names the refresher (§9, Table 2: we refresh when the caller does not support
 * timers or leaves the choice to us). The refresher sends a refresh (UPDATE when the peer allows it, else a
 * re-INVITE with the unchanged session description, §7.4) at half the interval; the other side sends BYE when no
 * refresh arrives by {@code min(32 s, interval/3)} before expiry (§10).
 *
 * @param enabled  whether the extension is used at all; when false, no timer headers are sent and a peer's request
 *                 for a timer is answered without one (the peer then refreshes alone, §7.2)
 * @param interval the session interval we ask for, in seconds (RFC 4028 §4 recommends 1800)
 * @param minimum  the smallest session interval we accept, in seconds, at least 90 (§5)
 */
public record SessionTimers(boolean enabled, int interval, int minimum) {

    /** RFC 4028 §4: the absolute minimum of any session interval, and the Min-SE default. */
    public static final int FLOOR = 90;
    /** RFC 4028 §4: the recommended session interval. */
    public static final int RECOMMENDED_INTERVAL = 1800;
    /** Session timers supported and requested with the recommended interval. */
    public static final SessionTimers DEFAULT = new SessionTimers(true, RECOMMENDED_INTERVAL, FLOOR);
    /** Session timers not supported. */
    public static final SessionTimers OFF = new SessionTimers(false, RECOMMENDED_INTERVAL, FLOOR);

    /**
     * @throws IllegalArgumentException when {@code minimum} is below 90 or {@code interval} below {@code minimum}
     */
    public SessionTimers {
        if (minimum < FLOOR) {
            throw new IllegalArgumentException("the minimum session interval is at least " + FLOOR + " s (RFC 4028 §5)");
        }
        if (interval < minimum) {
            throw new IllegalArgumentException("the session interval (" + interval
                    + " s) must not be below the minimum (" + minimum + " s)");
        }
    }

    /** Enabled with this interval and the default minimum of 90 s. */
    public static SessionTimers of(int interval) {
        return new SessionTimers(true, interval, FLOOR);
    }
}
