package io.callisto.sip.message;

import io.callisto.sip.header.CSeq;
import io.callisto.sip.header.HeaderKey;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds a new request or response in memory. Headers are written in the order they are added, in canonical
 * form; Content-Length is always written (it is mandatory on streams, §18.3, and harmless on datagrams).
 *
 * <pre>{@code
 * SipRequest invite = MessageBuilder.request("INVITE", Uri.parse("sip:bob@example.com"))
 *         .header(Headers.VIA, Via.of("UDP", "192.0.2.1", 5060, "z9hG4bK776asdhds"))
 *         .header(Headers.MAX_FORWARDS, 70)
 *         .header(Headers.TO, NameAddress.parse("Bob <sip:bob@example.com>"))
 *         .header(Headers.FROM, NameAddress.parse("Alice <sip:alice@example.com>;tag=1928301774"))
 *         .header(Headers.CALL_ID, "a84b4c76e66710@pc33.example.com")
 *         .header(Headers.CSEQ, new CSeq(314159, "INVITE"))
 *         .body(MediaType.SDP, sdpBytes)
 *         .buildRequest();
 * }</pre>
 */
public final class MessageBuilder {
    private final SipMessage message;

    private MessageBuilder(SipMessage message) {
        this.message = message;
    }

    /** Starts a request. The method must be a token (§25.1); it is case-sensitive. */
    public static MessageBuilder request(String method, Uri requestUri) {
        if (!io.callisto.sip.internal.Chars.isToken(method)) {
            throw new IllegalArgumentException("method is not a token: " + method);
        }
        return new MessageBuilder(new SipRequest(new HeaderTable(12), method,
                Objects.requireNonNull(requestUri)));
    }

    /** Starts a response with the default reason phrase for {@code status}. */
    public static MessageBuilder response(int status) {
        return response(status, ReasonPhrases.of(status));
    }

    public static MessageBuilder response(int status, String reason) {
        if (status < 100 || status > 699) {
            throw new IllegalArgumentException("status code must be 100-699: " + status);
        }
        for (int i = 0; i < reason.length(); i++) {
            if (reason.charAt(i) < 0x20 && reason.charAt(i) != '\t') {
                throw new IllegalArgumentException("control character in reason phrase");
            }
        }
        return new MessageBuilder(new SipResponse(new HeaderTable(12), status, reason));
    }

    /** Adds a typed header line. */
    public <T> MessageBuilder header(HeaderKey<T> key, T value) {
        message.add(key, value);
        return this;
    }

    /** Adds a header line given as text (an extension header, or a value copied from another message). */
    public MessageBuilder header(String name, String value) {
        message.addHeader(name, value);
        return this;
    }

    public MessageBuilder body(MediaType type, byte[] body) {
        message.setBody(type, body);
        return this;
    }

    public MessageBuilder body(MediaType type, String body) {
        return body(type, body.getBytes(StandardCharsets.UTF_8));
    }

    public SipRequest buildRequest() {
        return (SipRequest) build();
    }

    public SipResponse buildResponse() {
        return (SipResponse) build();
    }

    /** The message; Content-Length 0 is added when no body was set. */
    public SipMessage build() {
        if (message.count(io.callisto.sip.header.HeaderName.CONTENT_LENGTH) == 0) {
            message.set(Headers.CONTENT_LENGTH, 0L);
        }
        return message;
    }

    // Typed shorthands for the headers every request has.

    public MessageBuilder via(Via via) {
        return header(Headers.VIA, via);
    }

    public MessageBuilder from(NameAddress from) {
        return header(Headers.FROM, from);
    }

    public MessageBuilder to(NameAddress to) {
        return header(Headers.TO, to);
    }

    public MessageBuilder callId(String callId) {
        return header(Headers.CALL_ID, callId);
    }

    public MessageBuilder cseq(long number, String method) {
        return header(Headers.CSEQ, new CSeq(number, method));
    }

    public MessageBuilder maxForwards(int hops) {
        return header(Headers.MAX_FORWARDS, hops);
    }

    public MessageBuilder contact(NameAddress contact) {
        return header(Headers.CONTACT, contact);
    }
}
