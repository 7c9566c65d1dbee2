package io.callisto.server.registrar.internal;

import java.util.List;

/**
 * A REGISTER reduced to what the change to the location service needs, made on the transaction's owner thread so
 * that the AoR's owner never touches the (thread-confined) {@code SipRequest}. Immutable.
 *
 * @param aor             canonical address-of-record (§10.3 step 5)
 * @param callId          the request's Call-ID
 * @param cseq            the request's CSeq number
 * @param wildcard        {@code Contact: *} with {@code Expires: 0}: remove every binding (§10.3 step 6)
 * @param contacts        the validated contacts, in order; empty for a query or a wildcard
 * @param path            the Path header field values, top first (RFC 3327 §5.3); empty when none
 * @param source          {@code transport:host:port} the REGISTER came from, or null
 * @param flow            flow token to bind the contacts to (RFC 5626 §6, or a client's own connection), or null
 * @param userAgent       the User-Agent header value (shortened), or null
 * @param requireOutbound the 200 carries {@code Require: outbound} (RFC 5626 §6)
 */
public record RegisterRequest(String aor, String callId, long cseq, boolean wildcard, List<ContactSpec> contacts,
        List<String> path, String source, String flow, String userAgent, boolean requireOutbound) {

    public RegisterRequest {
        contacts = List.copyOf(contacts);
        path = List.copyOf(path);
    }

    /** True when the request changes nothing: no Contact (§10.2.3, a query). */
    public boolean isQuery() {
        return !wildcard && contacts.isEmpty();
    }
}
