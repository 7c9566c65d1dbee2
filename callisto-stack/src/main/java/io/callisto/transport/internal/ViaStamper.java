package io.callisto.transport.internal;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.SipRequest;
import java.net.InetSocketAddress;

/**
 * Marks a received request's top Via with where it really came from, so that the response finds its way back
 * (RFC 3261 §18.2.1, RFC 3581 §4).
 */
public final class ViaStamper {

    private ViaStamper() {
    }

    /**
     * Adds {@code received=<source IP>} when the sent-by host is a name or an IP other than the source (§18.2.1),
     * and fills an empty {@code rport} with the source port, adding {@code received} then in every case (RFC 3581
     * §4). Only the top Via value is rewritten; the other values keep their text. The top Via must parse.
     *
     * @return true when the message was changed
     */
    public static boolean stamp(SipRequest request, InetSocketAddress source) {
        if (source == null || source.isUnresolved()) {
            return false;
        }
        Via top = request.topVia();
        if (top == null) {
            return false;
        }
        Via v = top;
        boolean emptyRport = top.hasRport() && top.parameters().get("rport") == null;
        if (emptyRport) {
            v = v.withParameter("rport", Integer.toString(source.getPort()));
        }
        if (emptyRport || !IpLiterals.sameAddress(top.host(), source.getAddress())) {
            v = v.withParameter("received", IpLiterals.text(source.getAddress()));
        }
        if (v == top) {
            return false;
        }
        request.removeFirst(Headers.VIA);
        request.addFirst(Headers.VIA, v);
        return true;
    }
}
