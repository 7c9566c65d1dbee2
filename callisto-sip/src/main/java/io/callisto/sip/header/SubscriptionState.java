package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Locale;
import java.util.Objects;

/**
 * The Subscription-State header value of a NOTIFY (RFC 6665 §8.4): {@code substate-value *( SEMI subexp-params )}
 * with the state active, pending, terminated or an extension token, and the parameters reason, expires and
 * retry-after (the latter two delta-seconds), e.g. {@code active;expires=599} or
 * {@code terminated;reason=noresource}. Immutable.
 */
public final class SubscriptionState {
    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String TERMINATED = "terminated";

    private final String state;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when the state is not a token or expires / retry-after is not delta-seconds
     */
    public SubscriptionState(String state, Parameters parameters) {
        this.state = Objects.requireNonNull(state, "state");
        this.parameters = parameters == null ? Parameters.EMPTY : parameters;
        if (!Chars.isToken(state)) {
            throw new IllegalArgumentException("substate-value must be a token: " + state);
        }
        for (String name : new String[] {"expires", "retry-after"}) {
            if (this.parameters.has(name) && MoreScalars.deltaSeconds(this.parameters.get(name)) < 0) {
                throw new IllegalArgumentException(name + " must be delta-seconds: " + this.parameters.get(name));
            }
        }
    }

    /** {@code active;expires=seconds}. */
    public static SubscriptionState active(long expires) {
        return new SubscriptionState(ACTIVE, Parameters.ofPairs("expires", Long.toString(expires)));
    }

    /** {@code terminated;reason=reason} (reason may be null for none). */
    public static SubscriptionState terminated(String reason) {
        return new SubscriptionState(TERMINATED,
                reason == null ? Parameters.EMPTY : Parameters.ofPairs("reason", reason));
    }

    /** The state in lower case, e.g. "active". */
    public String state() {
        return state.toLowerCase(Locale.ROOT);
    }

    public boolean isActive() {
        return state.equalsIgnoreCase(ACTIVE);
    }

    public boolean isPending() {
        return state.equalsIgnoreCase(PENDING);
    }

    public boolean isTerminated() {
        return state.equalsIgnoreCase(TERMINATED);
    }

    /** The reason parameter (deactivated, probation, rejected, timeout, giveup, noresource, invariant...), or null. */
    public String reason() {
        return parameters.unquoted("reason");
    }

    /** The expires parameter in seconds, or -1 when absent. */
    public long expires() {
        return MoreScalars.deltaSeconds(parameters.get("expires"));
    }

    /** The retry-after parameter in seconds, or -1 when absent. */
    public long retryAfter() {
        return MoreScalars.deltaSeconds(parameters.get("retry-after"));
    }

    public Parameters parameters() {
        return parameters;
    }

    static SubscriptionState parse(Cursor c) {
        String state = c.token("subscription state");
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        MoreScalars.checkDeltaParam(c, p, "expires", at);
        MoreScalars.checkDeltaParam(c, p, "retry-after", at);
        return new SubscriptionState(state, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(32).append(state)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionState s && s.state.equalsIgnoreCase(state) && s.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return state().hashCode() * 31 + parameters.hashCode();
    }
}
