package io.callisto.sip.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.header.Headers;
import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.NameAddress;
import io.callisto.sip.header.Via;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.MessageValidator;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipMessage;
import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.message.Verdict;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.sdp.SessionDescription;
import io.callisto.sip.uri.SipUri;
import io.callisto.sip.uri.Uri;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The examples of docs/sip-syntax.md, compiled and run so the guide stays true. */
class SyntaxGuideTest {
    static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.101\r\n"
            + "t=0 0\r\n"
            + "m=audio 49172 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";
    static final String WIRE = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
            + "Max-Forwards: 70\r\n"
            + "Route: <sip:proxy.atlanta.example.com;lr>\r\n"
            + "To: Bob <sip:bob@biloxi.example.com>\r\n"
            + "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    @Test
    void parseReadEditWrite() {
        byte[] datagram = WIRE.getBytes(StandardCharsets.UTF_8);
        // guide:parse
        SipMessage m = SipParser.DEFAULT.parseDatagram(datagram);
        Verdict verdict = MessageValidator.validate(m);
        if (!verdict.valid()) {
            System.out.println("400 " + verdict.error());
        }
        SipRequest invite = (SipRequest) m;
        String branch = invite.topVia().branch();            // "z9hG4bK776asdhds"
        String fromTag = invite.from().tag();                 // "1928301774"
        long cseq = invite.cseq().number();                   // 314159
        SipUri target = (SipUri) invite.requestUri();         // sip:bob@biloxi.example.com
        SessionDescription sdp = SessionDescription.parse(invite.body());
        // guide:end
        assertThat(verdict.valid()).isTrue();
        assertThat(branch).isEqualTo("z9hG4bK776asdhds");
        assertThat(fromTag).isEqualTo("1928301774");
        assertThat(cseq).isEqualTo(314159);
        assertThat(target.host()).isEqualTo("biloxi.example.com");
        assertThat(sdp.media()).hasSize(1);

        // guide:edit
        invite.addFirst(Headers.VIA, Via.of("UDP", "proxy.atlanta.example.com", 5060, "z9hG4bK-p1-1"));
        invite.set(Headers.MAX_FORWARDS, invite.maxForwards() - 1);
        invite.removeFirst(Headers.ROUTE);
        byte[] forwarded = invite.toBytes();   // untouched lines are the received bytes
        // guide:end
        String out = new String(forwarded, StandardCharsets.UTF_8);
        assertThat(out).startsWith("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP proxy.atlanta.example.com:5060;branch=z9hG4bK-p1-1\r\n"
                + "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 69\r\nTo: Bob");
        assertThat(out).endsWith(WIRE.substring(WIRE.indexOf("To: Bob")));
    }

    @Test
    void buildAndDerive() {
        // guide:build
        SipRequest options = MessageBuilder.request("OPTIONS", Uri.parse("sip:bob@biloxi.example.com"))
                .via(Via.of("TCP", "pc33.atlanta.example.com", 5060, "z9hG4bK" + Long.toHexString(42)))
                .maxForwards(70)
                .to(NameAddress.parse("Bob <sip:bob@biloxi.example.com>"))
                .from(NameAddress.parse("Alice <sip:alice@atlanta.example.com>;tag=88sja8x"))
                .callId("a84b4c76e66710")
                .cseq(63104, "OPTIONS")
                .header("Accept", "application/sdp")
                .buildRequest();
        SipResponse ok = Messages.responseTo(options, 200, null, "93810874");
        ok.addHeader("Allow", "INVITE, ACK, CANCEL, OPTIONS, BYE");
        ok.setBody(MediaType.parse("text/plain"), "hello".getBytes(StandardCharsets.UTF_8));
        // guide:end
        assertThat(ok.to().tag()).isEqualTo("93810874");
        assertThat(ok.toString()).startsWith("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP pc33.atlanta.example.com:5060;branch"
                + "=z9hG4bK2a\r\n").endsWith("Content-Length: 5\r\n\r\nhello");
        assertThat(MessageValidator.validate(SipParser.DEFAULT.parseDatagram(ok.toBytes())).valid()).isTrue();
    }

    @Test
    void errorsAreValues() {
        byte[] garbage = "INVITE  sip:bob@biloxi.example.com SIP/2.0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        String reason = null;
        // guide:error
        try {
            SipParser.DEFAULT.parseDatagram(garbage);
        } catch (ParseError e) {
            reason = e.reasonPhrase();    // "more than one SP between Request-Line elements"
        }
        // guide:end
        assertThat(reason).isEqualTo("more than one SP between Request-Line elements");
    }
}
