package io.callisto.transaction;

import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Destination;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;

/** Messages as they would arrive from the network: written as text and parsed. */
final class Sip {

    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.2", 5070);
    static final Flow UDP_FLOW = new Flow(Transport.UDP, LOCAL, PEER, 0);
    static final Flow TCP_FLOW = new Flow(Transport.TCP, LOCAL, PEER, 7);
    static final Destination UDP = new Destination(Transport.UDP, PEER);
    static final Destination TCP = new Destination(Transport.TCP, PEER);

    private Sip() {
    }

    /** A request with a Via to {@code sentBy} carrying {@code branch} (no branch parameter when null). */
    static SipRequest request(String method, String uri, String sentBy, String branch, String callId, long cseq,
            String toTag) {
        String text = method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + sentBy + (branch == null ? "" : ";branch=" + branch) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Bob <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "From: Alice <sip:alice@example.com>;tag=a1\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text);
    }

    static SipRequest request(String method, String branch) {
        return request(method, "sip:bob@example.com", "192.0.2.1:5060", branch, "call-1", 1, null);
    }

    /** A response to {@code request} as the peer would send it (parsed from its text). */
    static SipResponse response(SipRequest request, int status, String toTag) {
        return reparse(Messages.responseTo(request, status, null, toTag));
    }

    /** The CANCEL for {@code request} (§9.1) as the peer would send it. */
    static SipRequest cancel(SipRequest request) {
        return reparse(Messages.cancelFor(request));
    }

    /** The ACK for a non-2xx {@code response} (§17.1.1.3) as the peer would send it. */
    static SipRequest ack(SipRequest invite, SipResponse response) {
        return reparse(Messages.ackFor(invite, response));
    }

    @SuppressWarnings("unchecked")
    static <T extends SipMessage> T reparse(T message) {
        return (T) SipParser.DEFAULT.parseDatagram(message.toBytes());
    }
}
