package io.callisto.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.message.SipParser;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadRequestsTest {

    private static SipResponse raw(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return BadRequests.forBytes(b, b.length, 256, 400, "broken thing");
    }

    @Test
    void answersFromRawLinesCopyingViasAndIds() {
        SipResponse r = raw("INVITE sip:b@example.com SIP/2.0\nv: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\n"
                + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK2\nf: <sip:a@x>;tag=1\nt: <sip:b@x>\ni: id-1\n"
                + "CSeq: 5 INVITE\nContent-Length: oops\n\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("broken thing");
        assertThat(r.vias()).hasSize(2);
        assertThat(r.callId()).isEqualTo("id-1");
        assertThat(r.cseq().number()).isEqualTo(5);
        assertThat(r.from().tag()).isEqualTo("1");
    }

    @Test
    void needsAViaACallIdAndACseq() {
        assertThat(raw("INVITE sip:b@x SIP/2.0\nCall-ID: a\nCSeq: 1 INVITE\n\n")).isNull();
        // RFC 4475 §3.1.2.1: a Via that does not parse still gets its 400, the Via copied as written (the response
        // goes back over the request's own flow, not by the Via)
        assertThat(raw("INVITE sip:b@x SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.15;;,;,,\nCall-ID: a\nCSeq: 1 INVITE\n\n")
                .header("Via")).isEqualTo("SIP/2.0/UDP 192.0.2.15;;,;,,");
        assertThat(raw("INVITE sip:b@x SIP/2.0\nCall-ID: a\nCSeq: 1 INVITE\n\n")).as("no Via at all").isNull();
        assertThat(raw("INVITE sip:b@x SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nCSeq: 1 INVITE\n\n")).isNull();
        assertThat(raw("INVITE sip:b@x SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nCall-ID: a\n\n")).isNull();
    }

    @Test
    void neverAnswersResponsesAcksOrBinary() {
        assertThat(raw("SIP/2.0 200 OK\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nCall-ID: a\nCSeq: 1 INVITE\n\n")).isNull();
        assertThat(raw("ACK sip:b@x SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nCall-ID: a\nCSeq: 1 ACK\n\n")).isNull();
        byte[] bin = {0, 1, 2, 3, (byte) 0xff, '\n', 'V', ':'};
        assertThat(BadRequests.forBytes(bin, bin.length, 256, 400, "x")).isNull();
    }

    @Test
    void headersAfterTheBodyAreNotRead() {
        assertThat(raw("INVITE sip:b@x SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n\nCall-ID: a\nCSeq: 1 INVITE\n"))
                .isNull();
    }

    @Test
    void answersAParsedRequest() {
        SipRequest req = (SipRequest) SipParser.parse("OPTIONS sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "From: <sip:a@x>;tag=1\r\nTo: <sip:b@x>\r\nCall-ID: p-1\r\nCSeq: 1 INVITE\r\n\r\n");
        SipResponse r = BadRequests.forMessage(req, 400, "CSeq method INVITE does not match");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.reason()).isEqualTo("CSeq method INVITE does not match");
        assertThat(r.callId()).isEqualTo("p-1");

        SipRequest ack = (SipRequest) SipParser.parse("ACK sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "Call-ID: p-1\r\nCSeq: 1 ACK\r\n\r\n");
        assertThat(BadRequests.forMessage(ack, 400, "x")).isNull();
    }

    @Test
    void reasonPhrasesAreCleanAndBounded() {
        assertThat(BadRequests.phrase("bad\r\nInjected: yes")).isEqualTo("bad??Injected: yes");
        assertThat(BadRequests.phrase("é")).isEqualTo("?");
        assertThat(BadRequests.phrase("x".repeat(500))).hasSize(BadRequests.MAX_REASON);
        assertThat(BadRequests.phrase("  ")).isEqualTo("Bad Request");
    }
}
