package io.callisto.sip.header;

import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * The Session-Expires header value (RFC 4028 §4): {@code delta-seconds *(SEMI se-params)} with
 * {@code refresher-param = "refresher" EQUAL ("uas" / "uac")}, e.g. {@code 4000;refresher=uac}. Immutable.
 */
public final class SessionExpires {
    public static final String UAC = "uac";
    public static final String UAS = "uas";

    private final long seconds;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when seconds is out of range (0 to 2^32-1) or refresher is not uac or uas
     */
    public SessionExpires(long seconds, Parameters parameters) {
        if (seconds < 0 || seconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("Session-Expires out of range: " + seconds);
        }
        this.seconds = seconds;
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        if (this.parameters.has("refresher") && !validRefresher(this.parameters.get("refresher"))) {
            throw new IllegalArgumentException("refresher must be uac or uas: " + this.parameters.get("refresher"));
        }
    }

    /** The interval with the refresher named ({@link #UAC}, {@link #UAS}, or null for none). */
    public static SessionExpires of(long seconds, String refresher) {
        return new SessionExpires(seconds,
                refresher == null ? Parameters.EMPTY : Parameters.ofPairs("refresher", refresher));
    }

    /** The session interval in seconds. */
    public long seconds() {
        return seconds;
    }

    /** "uac" or "uas" in lower case, or null when no refresher is named. */
    public String refresher() {
        String r = parameters.get("refresher");
        return r == null ? null : r.toLowerCase(Locale.ROOT);
    }

    public Parameters parameters() {
        return parameters;
    }

    public SessionExpires withRefresher(String refresher) {
        return new SessionExpires(seconds, parameters.with("refresher", refresher));
    }

    private static boolean validRefresher(String v) {
        return UAC.equalsIgnoreCase(v) || UAS.equalsIgnoreCase(v);
    }

    static SessionExpires parse(Cursor c) {
        long seconds = Scalars.deltaSeconds(c);
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        if (p.has("refresher") && !validRefresher(p.get("refresher"))) {
            throw c.error("refresher must be uac or uas", at);
        }
        return new SessionExpires(seconds, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(24).append(seconds)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionExpires s && s.seconds == seconds && s.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seconds, parameters);
    }
}
