package io.callisto.jmh;

import java.nio.charset.StandardCharsets;

/**
 * The messages every parser benchmark uses: what an outbound proxy (192.0.2.200) sees in a basic call set-up.
 * Both carry an SDP offer or answer with three codecs (about 240 bytes). {@code Sizes} prints the exact sizes.
 */
public final class Messages {
    private Messages() {}

    public static final String OFFER = lines(
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 192.0.2.101",
            "s=-",
            "c=IN IP4 192.0.2.101",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv") + "\r\n";

    public static final String ANSWER = lines(
            "v=0",
            "o=bob 2808844564 2808844564 IN IP4 192.0.2.4",
            "s=-",
            "c=IN IP4 192.0.2.4",
            "t=0 0",
            "m=audio 3456 RTP/AVP 0 8 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv") + "\r\n";

    /**
     * The INVITE as a UA sends it to its outbound proxy (192.0.2.200, pre-loaded as Route): Via, Max-Forwards,
     * Route, From with tag, To, Call-ID, CSeq, Contact, Allow, Supported, User-Agent, Content-Type, Content-Length
     * and an SDP offer.
     */
    public static final String INVITE = lines(
            "INVITE sip:bob@example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;rport",
            "Max-Forwards: 70",
            "Route: <sip:192.0.2.200;lr>",
            "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl",
            "To: <sip:bob@example.com>",
            "Call-ID: 3848276298220188511@192.0.2.101",
            "CSeq: 1 INVITE",
            "Contact: <sip:alice@192.0.2.101:5060>",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE",
            "Supported: replaces, timer",
            "User-Agent: Acme-Phone/4.2",
            "Content-Type: application/sdp",
            "Content-Length: " + utf8(OFFER).length,
            "") + "\r\n" + OFFER;

    /**
     * The 200 OK to that INVITE as it comes back to the proxy: 2 Via (the proxy's, then the UA's with received and
     * rport filled in), Record-Route, From, To with tag, Call-ID, CSeq, Contact and an SDP answer.
     */
    public static final String OK_200 = lines(
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP 192.0.2.200:5060;branch=z9hG4bK4b43c2ff8.1",
            "Via: SIP/2.0/UDP 192.0.2.101:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.101",
            "Record-Route: <sip:192.0.2.200;lr>",
            "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl",
            "To: <sip:bob@example.com>;tag=8321234356",
            "Call-ID: 3848276298220188511@192.0.2.101",
            "CSeq: 1 INVITE",
            "Contact: <sip:bob@192.0.2.4:5060>",
            "Content-Type: application/sdp",
            "Content-Length: " + utf8(ANSWER).length,
            "") + "\r\n" + ANSWER;

    /** The Via host a proxy adds in the proxyEdit benchmarks. */
    public static final String PROXY_HOST = "192.0.2.200";
    public static final int PROXY_PORT = 5060;
    public static final String BRANCH_PREFIX = "z9hG4bK-cjmh-";

    public static byte[] invite() {
        return utf8(INVITE);
    }

    public static byte[] ok200() {
        return utf8(OK_200);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String lines(String... lines) {
        return String.join("\r\n", lines);
    }
}
