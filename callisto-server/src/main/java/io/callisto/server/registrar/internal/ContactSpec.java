package io.callisto.server.registrar.internal;

import io.callisto.sip.uri.Uri;

/**
 * One Contact of a REGISTER after validation (RFC 3261 §10.3 step 7, RFC 5626 §6).
 *
 * @param uriText    the Contact URI as written, without the header field's parameters
 * @param uri        the parsed URI, for §19.1.4 comparison with stored bindings
 * @param q          the q-value (0 to 1, three decimals) or -1 when absent
 * @param expires    the interval granted, seconds (0 removes the binding)
 * @param instanceId the {@code +sip.instance} value without its quotes, or null
 * @param regId      the {@code reg-id} when outbound processing applies to this contact, else 0
 */
public record ContactSpec(String uriText, Uri uri, double q, long expires, String instanceId, int regId) {

    /** True when the binding is keyed by instance and reg-id (RFC 5626 §6) rather than by URI. */
    public boolean outbound() {
        return instanceId != null && regId > 0;
    }
}
