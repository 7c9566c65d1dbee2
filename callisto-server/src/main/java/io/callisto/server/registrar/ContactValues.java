package io.callisto.server.registrar;

import io.callisto.server.location.Binding;
import io.callisto.sip.header.Parameters;
import java.math.BigDecimal;

/**
 * How a binding is listed in a Contact header field value of a response: in a registrar's 200 (RFC 3261 §10.3
 * step 8) and a redirect server's 3xx (§8.3). Thread-safe (stateless).
 */
public final class ContactValues {

    private ContactValues() {
    }

    /**
     * {@code <uri>;expires=N[;q=x][;+sip.instance="..."][;reg-id=N]}: the seconds left at {@code nowMillis}, the
     * q-value when the binding has one, and the RFC 5626 instance and reg-id so that a UA finds its own binding.
     */
    public static String of(Binding b, long nowMillis) {
        StringBuilder sb = new StringBuilder(b.contact().length() + 64);
        sb.append('<').append(b.contact()).append(">;expires=").append(b.secondsLeft(nowMillis));
        if (b.q() >= 0) {
            sb.append(";q=").append(q(b.q()));
        }
        if (b.instanceId() != null) {
            sb.append(";+sip.instance=").append(Parameters.quote(b.instanceId()));
        }
        if (b.regId() > 0) {
            sb.append(";reg-id=").append(b.regId());
        }
        return sb.toString();
    }

    /** A q-value as §20.10 writes it: "1", "0.5", "0.123" (at most three decimals). */
    public static String q(double q) {
        BigDecimal d = BigDecimal.valueOf(q).setScale(3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}
