package io.callisto.server.location;

import java.util.List;
import java.util.Objects;

/**
 * One registered contact of an address-of-record (RFC 3261 §10.3), with what the registrar must remember to
 * order updates (Call-ID, CSeq), to route through (Path, RFC 3327) and to reach a client behind NAT or over its
 * own connection (the source it registered from, RFC 5626 flows).
 *
 * @param aor           canonical address-of-record, e.g. {@code sip:alice@example.com} (§10.3 step 5: scheme, user
 *                      and host; host lower-case; no port or parameters)
 * @param contact       the Contact URI as registered, without the header field's parameters (q, expires,
 *                      +sip.instance, reg-id are the fields below), e.g. {@code sip:alice@192.0.2.4:5060;transport=tcp}
 * @param q             the q-value, 0.0 to 1.0, or -1 when the Contact had none (§10.2.1.2)
 * @param expiresAt     when the binding expires, epoch milliseconds (wall clock: shared by the nodes of a cluster)
 * @param callId        Call-ID of the REGISTER that last wrote the binding (§10.3 step 7)
 * @param cseq          CSeq number of that REGISTER
 * @param instanceId    the {@code +sip.instance} value (RFC 5626 §4.1), or null
 * @param regId         the {@code reg-id} value (RFC 5626 §4.2), or 0 when absent
 * @param path          the Path header field values of the REGISTER, top first (RFC 3327 §5.3); empty when none
 * @param source        where the REGISTER came from, {@code transport:host:port} (e.g. {@code udp:203.0.113.5:40312}),
 *                      used to reach a contact behind NAT; null when unknown
 * @param flow          opaque token of the connection the binding is bound to (RFC 5626 §6, or NAT traversal over a
 *                      client's TCP/TLS/WS connection); meaningful on {@code node} only; null when none
 * @param node          id of the server node that owns {@code flow} (and that wrote the binding)
 * @param userAgent     the User-Agent header field value of the REGISTER, or null (for operators)
 * @param updatedAt     when the binding was last written, epoch milliseconds
 */
public record Binding(String aor, String contact, double q, long expiresAt, String callId, long cseq,
        String instanceId, int regId, List<String> path, String source, String flow, String node, String userAgent,
        long updatedAt) {

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(callId, "callId");
        path = path == null ? List.of() : List.copyOf(path);
    }

    /**
     * What identifies this binding within its AoR: the instance and reg-id for an RFC 5626 outbound registration
     * (§6: a new flow replaces the old one of the same instance and reg-id), else the contact URI (§10.3 step 7
     * compares contact URIs; the store keeps the string as registered, the registrar compares by §19.1.4).
     */
    public String key() {
        return instanceId != null && regId > 0 ? instanceId + ";reg-id=" + regId : contact;
    }

    /** True when the binding has expired at {@code nowMillis}. */
    public boolean expiredAt(long nowMillis) {
        return expiresAt <= nowMillis;
    }

    /** Seconds left at {@code nowMillis}, at least 0 (for the Contact's expires parameter in a 200). */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAt - nowMillis + 999) / 1000);
    }
}
