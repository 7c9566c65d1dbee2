package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two validation depths: everything (tools) and what processing reads (the stack's inbound check). */
class MessageValidatorTest {

    private static SipMessage parse(String extra) {
        String text = "INVITE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK77\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: c1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + extra
                + "Content-Length: 0\r\n\r\n";
        return SipParser.DEFAULT.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wellFormedPassesBoth() {
        SipMessage m = parse("Contact: <sip:alice@192.0.2.1>\r\n");
        assertThat(MessageValidator.validate(m).valid()).isTrue();
        assertThat(MessageValidator.validateForProcessing(m).valid()).isTrue();
    }

    @Test
    void malformedHeaderThatProcessingDoesNotReadIsLeftForItsReader() {
        SipMessage m = parse("Expires: soon\r\n");
        assertThat(MessageValidator.validate(m).valid()).isFalse();
        assertThat(MessageValidator.validateForProcessing(m).valid()).isTrue();
    }

    @Test
    void malformedContactUriFailsBoth() {
        SipMessage m = parse("Contact: <sip:alice@[bad>\r\n");
        Verdict full = MessageValidator.validate(m);
        Verdict processing = MessageValidator.validateForProcessing(m);
        assertThat(full.valid()).isFalse();
        assertThat(processing.valid()).isFalse();
        assertThat(processing.status()).isEqualTo(400);
    }

    @Test
    void duplicateCallIdAndMethodMismatchFailProcessing() {
        assertThat(MessageValidator.validateForProcessing(parse("Call-ID: c2\r\n")).error())
                .contains("more than one Call-ID");
        SipMessage m = SipParser.DEFAULT.parseDatagram(("BYE sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK78\r\nMax-Forwards: 70\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: c3\r\n"
                + "CSeq: 2 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(MessageValidator.validateForProcessing(m).error()).contains("does not match");
    }

    @Test
    void missingMandatoryHeaderFailsProcessing() {
        SipMessage m = SipParser.DEFAULT.parseDatagram(("OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK79\r\nMax-Forwards: 70\r\n"
                + "To: <sip:b@example.com>\r\nCall-ID: c4\r\nCSeq: 2 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(MessageValidator.validateForProcessing(m).error()).isEqualTo("missing From header");
    }

    @Test
    void releasedValuesAreParsedAgainAlike() {
        SipMessage m = parse("Contact: <sip:alice@192.0.2.1>\r\n");
        SipRequest r = (SipRequest) m;
        String via = r.topVia().toString();
        String uri = r.requestUri().toString();
        String from = r.from().tag();
        r.releaseParsedValues();
        assertThat(r.topVia().toString()).isEqualTo(via);
        assertThat(r.requestUri().toString()).isEqualTo(uri);
        assertThat(r.from().tag()).isEqualTo(from);
        r.setRequestUri(io.callisto.sip.uri.SipUri.parse("sip:carol@example.org"));
        r.releaseParsedValues();
        assertThat(r.requestUri().toString()).isEqualTo("sip:carol@example.org");
        assertThat(new String(r.toBytes(), StandardCharsets.UTF_8)).startsWith("INVITE sip:carol@example.org SIP/2.0");
    }
}
