package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Minimal writing (DESIGN principle 2): edits touch only their own lines; everything else keeps its bytes. */
class MessageEditTest {
    static final String INVITE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8 ;received=192.0.2.1\r\n"
            + "max-forwards:   70\r\n"
            + "Route: <sip:p1.example.com;lr>,\r\n  <sip:p2.example.com;lr>\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "X-Odd:    keep   me    exactly\r\n"
            + "Content-Type: text/plain\r\n"
            + "Content-Length: 4\r\n"
            + "\r\n"
            + "body";

    private static String text(SipMessage m) {
        return new String(m.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void unchangedMessageWritesBackIdentically() {
        assertThat(text(SipParser.parse(INVITE))).isEqualTo(INVITE);
    }

    @Test
    void proxyEditsTouchOnlyTheirLines() {
        SipMessage m = SipParser.parse(INVITE);
        m.addFirst(Headers.VIA, Via.of("UDP", "proxy.example.com", 5060, "z9hG4bK-proxy1"));
        m.set(Headers.MAX_FORWARDS, m.maxForwards() - 1);
        NameAddress popped = m.removeFirst(Headers.ROUTE);
        assertThat(popped.uriText()).isEqualTo("sip:p1.example.com;lr");
        String out = text(m);
        assertThat(out).isEqualTo("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP proxy.example.com:5060;branch=z9hG4bK-proxy1\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8 ;received=192.0.2.1\r\n"
                + "max-forwards: 69\r\n"
                + "Route: <sip:p2.example.com;lr>\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710\r\n"
                + "CSeq: 314159 INVITE\r\n"
                + "X-Odd:    keep   me    exactly\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: 4\r\n"
                + "\r\n"
                + "body");
        SipMessage again = SipParser.parse(out);
        assertThat(again.vias()).hasSize(2);
        assertThat(again.routes()).hasSize(1);
        assertThat(again.maxForwards()).isEqualTo(69);
    }

    @Test
    void poppingTheLastRouteRemovesTheLine() {
        SipMessage m = SipParser.parse(INVITE);
        m.removeFirst(Headers.ROUTE);
        m.removeFirst(Headers.ROUTE);
        assertThat(m.routes()).isEmpty();
        assertThat(m.removeFirst(Headers.ROUTE)).isNull();
        assertThat(text(m)).doesNotContain("Route");
    }

    @Test
    void requestUriAndBodyEdits() {
        SipRequest m = (SipRequest) SipParser.parse(INVITE);
        m.setRequestUri(io.callisto.sip.uri.Uri.parse("sip:bob@192.0.2.4:5062"));
        m.setBody(MediaType.parse("text/plain;charset=utf-8"), "hello".getBytes(StandardCharsets.UTF_8));
        String out = text(m);
        assertThat(out).startsWith("INVITE sip:bob@192.0.2.4:5062 SIP/2.0\r\n");
        assertThat(out).contains("Content-Type: text/plain;charset=utf-8\r\n").contains("Content-Length: 5\r\n")
                .endsWith("\r\n\r\nhello");
        assertThat(SipParser.parse(out).bodyText()).isEqualTo("hello");
    }

    @Test
    void rawHeaderEditsAndRemoval() {
        SipMessage m = SipParser.parse(INVITE);
        m.addHeader("X-New", "one");
        m.setHeader("x-odd", "changed");
        assertThat(m.removeHeader("Route")).isEqualTo(1);
        String out = text(m);
        assertThat(out).contains("X-New: one\r\n").contains("x-odd: changed\r\n").doesNotContain("Route");
        assertThat(m.remove(HeaderName.CONTENT_TYPE)).isEqualTo(1);
    }

    @Test
    void copyIsIndependent() {
        SipMessage m = SipParser.parse(INVITE);
        SipMessage c = m.copy();
        c.set(Headers.MAX_FORWARDS, 1);
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(c.maxForwards()).isEqualTo(1);
    }

    @Test
    void editsCannotInjectHeaderLines() {
        SipMessage m = SipParser.parse(INVITE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.addHeader("X", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.addHeader("Bad Name", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
