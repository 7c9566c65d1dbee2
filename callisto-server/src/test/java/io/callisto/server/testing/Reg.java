package io.callisto.server.testing;

import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Builds requests as text and parses them, as they would arrive from the network. */
public final class Reg {

    private static final AtomicLong BRANCHES = new AtomicLong();

    private String method = "REGISTER";
    private String requestUri = "sip:example.com";
    private String to = "<sip:alice@example.com>";
    private String callId = "reg-call-1";
    private long cseq = 1;
    private boolean throughProxy;
    private final List<String> headers = new ArrayList<>();

    /** A REGISTER for alice@example.com, Call-ID reg-call-1, CSeq 1, no Contact. */
    public static Reg register() {
        return new Reg();
    }

    /** Another request method (for the redirect server) with its Request-URI. */
    public static Reg request(String method, String requestUri) {
        Reg r = new Reg();
        r.method = method;
        r.requestUri = requestUri;
        r.to = "<" + requestUri + ">";
        r.callId = "call-" + BRANCHES.incrementAndGet();
        return r;
    }

    public Reg uri(String uri) {
        this.requestUri = uri;
        return this;
    }

    public Reg to(String value) {
        this.to = value;
        return this;
    }

    public Reg callId(String value) {
        this.callId = value;
        return this;
    }

    public Reg cseq(long value) {
        this.cseq = value;
        return this;
    }

    public Reg contact(String value) {
        return header("Contact", value);
    }

    public Reg expires(long seconds) {
        return header("Expires", Long.toString(seconds));
    }

    public Reg header(String name, String value) {
        headers.add(name + ": " + value);
        return this;
    }

    /** Puts an edge proxy's Via on top: the server is not the first hop (RFC 5626 §6). */
    public Reg throughProxy() {
        this.throughProxy = true;
        return this;
    }

    public SipRequest build() {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        if (throughProxy) {
            sb.append("Via: SIP/2.0/TCP edge.example.com;branch=z9hG4bK-e").append(BRANCHES.incrementAndGet())
                    .append("\r\n");
        }
        sb.append("Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bK-u").append(BRANCHES.incrementAndGet())
                .append("\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("To: ").append(to).append("\r\n");
        sb.append("From: <sip:alice@example.com>;tag=f1\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return (SipRequest) SipParser.DEFAULT.parseDatagram(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
