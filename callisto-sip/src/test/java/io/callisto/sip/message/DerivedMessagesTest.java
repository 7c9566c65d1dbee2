package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.uri.Uri;
import org.junit.jupiter.api.Test;

/** Builders and the messages RFC 3261 derives from others (§8.2.6, §9.1, §17.1.1.3). */
class DerivedMessagesTest {
    static SipRequest invite() {
        return MessageBuilder.request("INVITE", Uri.parse("sip:bob@biloxi.example.com"))
                .via(Via.of("UDP", "pc33.atlanta.example.com", -1, "z9hG4bK776asdhds"))
                .maxForwards(70)
                .header(Headers.ROUTE, NameAddress.parse("<sip:p1.example.com;lr>"))
                .to(NameAddress.parse("Bob <sip:bob@biloxi.example.com>"))
                .from(NameAddress.parse("Alice <sip:alice@atlanta.example.com>;tag=1928301774"))
                .callId("a84b4c76e66710@pc33.atlanta.example.com")
                .cseq(314159, "INVITE")
                .contact(NameAddress.parse("<sip:alice@pc33.atlanta.example.com>"))
                .header("Timestamp", "54")
                .body(MediaType.SDP, "v=0\r\n")
                .buildRequest();
    }

    @Test
    void builtRequestParsesBackAndIsValid() {
        SipRequest r = invite();
        SipMessage back = SipParser.DEFAULT.parseDatagram(r.toBytes());
        assertThat(MessageValidator.validate(back).valid()).isTrue();
        assertThat(back.toString()).isEqualTo(r.toString());
        assertThat(r.toString()).startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n")
                .contains("Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n");
    }

    @Test
    void responseCopiesTheRightHeadersAndAddsTheToTag() {
        SipRequest r = invite();
        SipResponse ringing = Messages.responseTo(r, 180, null, "a6c85cf");
        assertThat(ringing.status()).isEqualTo(180);
        assertThat(ringing.reason()).isEqualTo("Ringing");
        assertThat(ringing.vias()).isEqualTo(r.vias());
        assertThat(ringing.from()).isEqualTo(r.from());
        assertThat(ringing.to().tag()).isEqualTo("a6c85cf");
        assertThat(ringing.callId()).isEqualTo(r.callId());
        assertThat(ringing.cseq()).isEqualTo(r.cseq());
        assertThat(ringing.header("Timestamp")).isNull();
        assertThat(ringing.routes()).isEmpty();
        SipResponse trying = Messages.responseTo(r, 100);
        assertThat(trying.to().tag()).isNull();
        assertThat(trying.header("Timestamp")).isEqualTo("54");
        assertThat(MessageValidator.validate(SipParser.DEFAULT.parseDatagram(ringing.toBytes())).valid()).isTrue();
    }

    @Test
    void responsesToFoldedAndEscapedHeadersCanBeBuilt() {
        // RFC 4475 §3.1.1.1 (folded lines) and §3.1.1.2 (quoted-pairs escaping NUL, BEL, DEL in a display name)
        String text = "OPTIONS sip:user@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;\r\n  branch=z9hG4bKfold\r\n"
                + "To: \"\\\u0000\\\u0007\\\u007f odd\" <sip:user@example.com>\r\n"
                + "From: <sip:caller@example.net>\r\n ;tag=f1\r\n"
                + "Call-ID: fold-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        SipRequest req = (SipRequest) SipParser.DEFAULT.parseDatagram(
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SipResponse r = Messages.responseTo(req, 404, null, "t1");
        String out = r.toString();
        assertThat(out).contains("Via: SIP/2.0/UDP 192.0.2.1:5060; branch=z9hG4bKfold\r\n")
                .contains("From: <sip:caller@example.net> ;tag=f1\r\n");
        SipResponse back = (SipResponse) SipParser.DEFAULT.parseDatagram(r.toBytes());
        assertThat(back.topVia().branch()).isEqualTo("z9hG4bKfold");
        assertThat(back.to().tag()).isEqualTo("t1");
        assertThat(back.to().displayName()).contains("odd");
    }

    @Test
    void editsStillCannotSmuggleLineBreaks() {
        SipRequest r = invite();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.setHeader("Subject", "a\r\nVia: x"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.setHeader("Subject", "a\\\r\nb"))
                .as("not even escaped").isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.setHeader("Subject", "bell\u0007"))
                .isInstanceOf(IllegalArgumentException.class);
        r.setHeader("Subject", "escaped \\\u0007 bell");
        assertThat(r.header("Subject")).isEqualTo("escaped \\\u0007 bell");
    }

    @Test
    void cancelMatchesTheRequest() {
        SipRequest r = invite();
        SipRequest cancel = Messages.cancelFor(r);
        assertThat(cancel.method()).isEqualTo("CANCEL");
        assertThat(cancel.requestUriText()).isEqualTo(r.requestUriText());
        assertThat(cancel.vias()).containsExactly(r.topVia());
        assertThat(cancel.cseq().number()).isEqualTo(314159);
        assertThat(cancel.cseq().method()).isEqualTo("CANCEL");
        assertThat(cancel.to()).isEqualTo(r.to());
        assertThat(cancel.from()).isEqualTo(r.from());
        assertThat(cancel.routes()).isEqualTo(r.routes());
        assertThat(cancel.bodyLength()).isZero();
    }

    @Test
    void ackForNon2xxTakesToFromTheResponse() {
        SipRequest r = invite();
        SipResponse busy = Messages.responseTo(r, 486, null, "99sa0xk");
        SipRequest ack = Messages.ackFor(r, busy);
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.to().tag()).isEqualTo("99sa0xk");
        assertThat(ack.cseq().toString()).isEqualTo("314159 ACK");
        assertThat(ack.vias()).containsExactly(r.topVia());
        assertThat(ack.routes()).isEqualTo(r.routes());
        assertThat(MessageValidator.validate(SipParser.DEFAULT.parseDatagram(ack.toBytes())).valid()).isTrue();
    }

    @Test
    void cancelKeepsTheTopViaAsWritten() {
        SipRequest r = (SipRequest) SipParser.parse("INVITE sip:b@h SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP a.example.com ; branch=z9hG4bK1 ;rport\r\n"
                + "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bK0, SIP/2.0/UDP p0.example.com;branch=z9hG4bKx\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\n"
                + "CSeq: 7 INVITE\r\nContent-Length: 0\r\n\r\n");
        assertThat(Messages.cancelFor(r).toString())
                .contains("\r\nVia: SIP/2.0/UDP a.example.com ; branch=z9hG4bK1 ;rport\r\n")
                .doesNotContain("p1.example.com");
    }
}
