package io.callisto.sip.header;

import io.callisto.sip.internal.Chars;
import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The Replaces header value (RFC 3891 §6.1): {@code callid *(SEMI replaces-param)} identifying the dialog an
 * INVITE replaces by Call-ID, to-tag and from-tag (each exactly once), optionally with the {@code early-only}
 * flag, e.g. {@code 12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only}. Immutable.
 */
public final class Replaces {
    private final String callId;
    private final Parameters parameters;

    /**
     * @throws IllegalArgumentException when the to-tag or from-tag is missing or not a token
     */
    public Replaces(String callId, Parameters parameters) {
        this.callId = Objects.requireNonNull(callId, "callId");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        for (String name : new String[] {"to-tag", "from-tag"}) {
            String v = parameters.get(name);
            if (v == null || !Chars.isToken(v)) {
                throw new IllegalArgumentException(name + " must be a token: " + v);
            }
        }
    }

    /** Replaces for the dialog with these identifiers (tags as seen by the recipient of the INVITE). */
    public static Replaces of(String callId, String toTag, String fromTag, boolean earlyOnly) {
        Parameters p = Parameters.ofPairs("to-tag", toTag, "from-tag", fromTag);
        return new Replaces(callId, earlyOnly ? p.with("early-only", null) : p);
    }

    public String callId() {
        return callId;
    }

    public String toTag() {
        return parameters.get("to-tag");
    }

    public String fromTag() {
        return parameters.get("from-tag");
    }

    /** True when the early-only flag is present: replace only a dialog that is still early (§3). */
    public boolean earlyOnly() {
        return parameters.has("early-only");
    }

    public Parameters parameters() {
        return parameters;
    }

    static Replaces parse(Cursor c) {
        String callId = Scalars.callId(c);
        int at = c.pos;
        Parameters p = ParamParser.parse(c);
        for (String name : new String[] {"to-tag", "from-tag"}) {
            int count = 0;
            for (int i = 0; i < p.size(); i++) {
                if (p.name(i).equalsIgnoreCase(name)) {
                    count++;
                }
            }
            if (count == 0) {
                throw c.error("Replaces requires a " + name + " parameter", at);
            }
            if (count > 1) {
                throw c.error("more than one " + name + " in Replaces", at);
            }
            String v = p.get(name);
            if (v == null || !Chars.isToken(v)) {
                throw c.error(name + " must be a token", at);
            }
        }
        return new Replaces(callId, p);
    }

    @Override
    public String toString() {
        return parameters.appendTo(new StringBuilder(64).append(callId)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Replaces r && r.callId.equals(callId) && r.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return callId.hashCode() * 31 + parameters.hashCode();
    }
}
