package io.callisto.auth;

import io.callisto.sip.header.Credentials;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.util.List;

/** Messages and checks shared by the Digest client tests. */
final class AuthFixtures {
    private AuthFixtures() {}

    static final String CALL_ID = "843817637684230@998sdasdh09";

    /** A REGISTER of alice at biloxi.com (RFC 3665 §2.1 style). */
    static SipRequest register(String callId, int cseq) {
        return (SipRequest) SipParser.parse("REGISTER sip:biloxi.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Alice <sip:alice@biloxi.com>\r\n"
                + "From: Alice <sip:alice@biloxi.com>;tag=456248\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:alice@192.0.2.4>\r\n"
                + "Expires: 7200\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    static SipRequest register() {
        return register(CALL_ID, 1);
    }

    /** An INVITE from alice to {@code to} with an SDP body. */
    static SipRequest invite(String to, String callId) {
        String sdp = "v=0\r\no=alice 1 1 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0\r\n";
        return (SipRequest) SipParser.parse("INVITE " + to + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK74bf9\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <" + to + ">\r\n"
                + "From: Alice <sip:alice@biloxi.com>;tag=9fxced76sl\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.4>\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    /** A response with the given status line and extra header lines (each without CRLF). */
    static SipResponse response(String status, String... headerLines) {
        StringBuilder sb = new StringBuilder("SIP/2.0 ").append(status).append("\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7\r\n")
                .append("To: Alice <sip:alice@biloxi.com>;tag=2493k59kd\r\n")
                .append("From: Alice <sip:alice@biloxi.com>;tag=456248\r\n")
                .append("Call-ID: ").append(CALL_ID).append("\r\n")
                .append("CSeq: 1 REGISTER\r\n");
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        return (SipResponse) SipParser.parse(sb.append("Content-Length: 0\r\n\r\n").toString());
    }

    static SipResponse unauthorized(String... challenges) {
        String[] lines = new String[challenges.length];
        for (int i = 0; i < challenges.length; i++) {
            lines[i] = "WWW-Authenticate: " + challenges[i];
        }
        return response("401 Unauthorized", lines);
    }

    static SipResponse proxyAuthRequired(String... challenges) {
        String[] lines = new String[challenges.length];
        for (int i = 0; i < challenges.length; i++) {
            lines[i] = "Proxy-Authenticate: " + challenges[i];
        }
        return response("407 Proxy Authentication Required", lines);
    }

    /** The request as it goes on the wire, parsed again: what a server would see. */
    static SipRequest onWire(SipRequest request) {
        return (SipRequest) SipParser.DEFAULT.parseDatagram(request.toBytes());
    }

    /** The credentials of the request under {@code key} after a trip over the wire. */
    static List<Credentials> sent(SipRequest request, HeaderKey<Credentials> key) {
        return onWire(request).all(key);
    }

    /**
     * What a server holding {@code password} expects as the response of {@code c} for {@code request}: the
     * computation of RFC 7616 §3.4.1 redone from the parameters as sent.
     */
    static String expectedResponse(Credentials c, String username, String password, SipRequest request) {
        DigestAlgorithm alg = DigestAlgorithm.fromToken(c.algorithm());
        String secret = DigestMath.secret(alg, username, c.realm(), password.toCharArray());
        String ha1 = DigestMath.ha1(alg, secret, c.nonce(), c.cnonce());
        String bodyHash = "auth-int".equals(c.qop()) ? DigestMath.bodyHash(alg, request.body()) : null;
        return DigestMath.response(alg, ha1, c.nonce(), c.param("nc"), c.cnonce(), c.qop(), request.method(),
                c.uri(), bodyHash);
    }
}
