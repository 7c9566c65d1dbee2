package io.callisto.server.auth;

import io.callisto.auth.DigestAlgorithm;
import io.callisto.auth.DigestMath;
import io.callisto.sip.header.Challenge;
import io.callisto.sip.header.Headers;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.transport.Flow;
import io.callisto.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;

/** Requests, flows and client-side answers for the server authentication tests. */
final class AuthTestSupport {
    private AuthTestSupport() {
    }

    static final String DOMAIN = "example.com";
    static final String REALM = "example.com";
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

    /** A REGISTER of {@code user} at example.com with extra header lines (each without CRLF). */
    static SipRequest register(String user, String... extra) {
        return request("REGISTER sip:" + DOMAIN, user, "sip:" + user + "@" + DOMAIN, "REGISTER", "", extra);
    }

    /** An INVITE from alice to {@code requestUri} with extra header lines and an SDP body. */
    static SipRequest invite(String requestUri, String... extra) {
        String sdp = "v=0\r\no=alice 1 1 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0\r\n";
        return request("INVITE " + requestUri, "alice", requestUri, "INVITE", sdp, extra);
    }

    private static SipRequest request(String startLine, String user, String to, String method, String body,
            String... extra) {
        StringBuilder sb = new StringBuilder(startLine).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK").append(Long.toHexString(System.nanoTime()))
                .append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("From: <sip:").append(user).append('@').append(DOMAIN).append(">;tag=456248\r\n")
                .append("Call-ID: 843817637684230@192.0.2.4\r\n")
                .append("CSeq: 1 ").append(method).append("\r\n")
                .append("Contact: <sip:").append(user).append("@192.0.2.4>\r\n");
        for (String h : extra) {
            sb.append(h).append("\r\n");
        }
        if (!body.isEmpty()) {
            sb.append("Content-Type: application/sdp\r\n");
        }
        sb.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return (SipRequest) SipParser.DEFAULT.parseDatagram(sb.toString().getBytes());
    }

    /** A UDP flow from {@code ip} to the server. */
    static Flow udpFrom(String ip) {
        return new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060), new InetSocketAddress(ip, 5070), 0);
    }

    /** The response as a peer receives it: written and parsed again. */
    static SipResponse onWire(SipResponse response) {
        return (SipResponse) SipParser.DEFAULT.parseDatagram(response.toBytes());
    }

    /** The challenges of a 401 or 407, read from the wire form. */
    static List<Challenge> challenges(SipResponse response) {
        SipResponse wire = onWire(response);
        return wire.all(response.status() == 407 ? Headers.PROXY_AUTHENTICATE : Headers.WWW_AUTHENTICATE);
    }

    /** The challenge of {@code algorithm} in a 401 or 407. */
    static Challenge challenge(SipResponse response, DigestAlgorithm algorithm) {
        return challenges(response).stream().filter(c -> algorithm.token().equals(c.algorithm())).findFirst()
                .orElseThrow();
    }

    /**
     * Credentials answering {@code nonce} of {@code realm} for {@code request}, computed here from the password
     * with {@link DigestMath} (RFC 7616 §3.4.1), as a header value; qop null gives an RFC 2069 answer.
     */
    static String answer(SipRequest request, String user, String password, String realm, String nonce,
            DigestAlgorithm alg, String qop, long nc, String uri) {
        String secret = DigestMath.secret(alg, user, realm, password.toCharArray());
        String cnonce = "0a4f113b";
        String ha1 = DigestMath.ha1(alg, secret, nonce, cnonce);
        String ncText = DigestMath.nc(nc);
        String bodyHash = "auth-int".equals(qop) ? DigestMath.bodyHash(alg, request.body()) : null;
        String response = DigestMath.response(alg, ha1, nonce, ncText, cnonce, qop, request.method(), uri, bodyHash);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", response=\"")
                .append(response).append("\", algorithm=").append(alg.token());
        if (qop != null) {
            sb.append(", qop=").append(qop).append(", nc=").append(ncText).append(", cnonce=\"").append(cnonce)
                    .append('"');
        }
        return sb.toString();
    }

    /** {@link #answer} with qop=auth and the request's own Request-URI. */
    static String answer(SipRequest request, String user, String password, String nonce, DigestAlgorithm alg,
            long nc) {
        return answer(request, user, password, REALM, nonce, alg, "auth", nc, request.requestUriText());
    }
}
