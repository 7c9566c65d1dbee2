package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.header.Headers;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Start lines, header indexing and datagram body framing (RFC 3261 §7, §18.3). */
class SipParserTest {
    private static SipMessage parse(String s) {
        return SipParser.parse(s);
    }

    private static ParseError error(String s) {
        try {
            parse(s);
        } catch (ParseError e) {
            return e;
        }
        throw new AssertionError("expected a ParseError for: " + s);
    }

    static final String HEADERS = "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\nFrom: <sip:a@b>;tag=1\r\n"
            + "To: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n";

    @Test
    void requestLine() {
        SipRequest r = (SipRequest) parse("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "\r\n");
        assertThat(r.method()).isEqualTo("OPTIONS");
        assertThat(r.requestUriText()).isEqualTo("sip:c@d");
        assertThat(r.version()).isEqualTo("SIP/2.0");
        assertThat(r.headerCount()).isEqualTo(6);
        assertThat(r.bodyLength()).isZero();
    }

    @Test
    void statusLine() {
        SipResponse r = (SipResponse) parse("SIP/2.0 486 Busy Here\r\n" + HEADERS + "\r\n");
        assertThat(r.status()).isEqualTo(486);
        assertThat(r.reason()).isEqualTo("Busy Here");
        assertThat(((SipResponse) parse("SIP/2.0 180\r\n" + HEADERS + "\r\n")).reason()).isEmpty();
    }

    @Test
    void startLineErrorsNameTheRule() {
        assertThat(error("OPTIONS  sip:c@d SIP/2.0\r\n" + HEADERS + "\r\n").reason()).contains("more than one SP");
        assertThat(error("OPTIONS sip:c@d SIP/2.0 \r\n" + HEADERS + "\r\n").reason()).contains("trailing white");
        assertThat(error("OPTIONS <sip:c@d> SIP/2.0\r\n" + HEADERS + "\r\n").reason()).contains("'<'");
        assertThat(error("SIP/2.0 99 Low\r\n" + HEADERS + "\r\n").reason()).contains("three digits");
        assertThat(error("SIP/2.0 700 High\r\n" + HEADERS + "\r\n").reason()).contains("out of range");
        assertThat(error("SIP/2.0 2000 OK\r\n" + HEADERS + "\r\n").reason()).contains("three digits");
        assertThat(error("OPTIONS sip:c@d HTTP/1.1\r\n" + HEADERS + "\r\n").reason()).contains("SIP version");
        assertThat(error("\r\n\r\n").reason()).isEqualTo("empty message");
        assertThat(error("OPTIONS sip:c@d SIP/2.0").reason()).contains("no line end");
    }

    @Test
    void leadingCrlfsAreIgnored() {
        SipMessage m = parse("\r\n\r\nOPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "\r\n");
        assertThat(m.callId()).isEqualTo("x");
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).startsWith("OPTIONS");
    }

    @Test
    void headerNamesAreCaseInsensitiveAndCompactFormsMap() {
        SipMessage m = parse("OPTIONS sip:c@d SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nMAX-FORWARDS: 70\r\n"
                + "f: <sip:a@b>;tag=1\r\nt: <sip:c@d>\r\ni: x\r\ncseq : 1 OPTIONS\r\nl: 0\r\n\r\n");
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(m.maxForwards()).isEqualTo(70);
        assertThat(m.from().tag()).isEqualTo("1");
        assertThat(m.callId()).isEqualTo("x");
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.header("Content-Length")).isEqualTo("0");
        assertThat(m.headerKind(5)).isEqualTo(HeaderName.CSEQ);
        assertThat(m.headerName(5)).isEqualTo("cseq");
    }

    @Test
    void foldedLinesAreOneHeader() {
        SipMessage m = parse("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "Subject: I know you're there,\r\n"
                + "         pick up the phone\r\n   and talk to me!\r\n\r\n");
        assertThat(m.headerCount()).isEqualTo(7);
        assertThat(m.first(Headers.SUBJECT)).startsWith("I know you're there,").endsWith("talk to me!");
    }

    @Test
    void headerLineErrors() {
        assertThat(error("OPTIONS sip:c@d SIP/2.0\r\n  folded: first\r\n" + HEADERS + "\r\n").reason())
                .contains("continuation line without a header");
        assertThat(error("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "No colon here\r\n\r\n").reason())
                .contains("':' expected");
        assertThat(error("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "X: a\u0000b\r\n\r\n").reason())
                .contains("control character");
        assertThat(error("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "X: a\rb\r\n\r\n").reason())
                .contains("CR without LF");
    }

    @Test
    void datagramBodyFraming() {
        String head = "MESSAGE sip:c@d SIP/2.0\r\n" + HEADERS.replace("OPTIONS", "MESSAGE")
                + "Content-Type: text/plain\r\n";
        assertThat(parse(head + "Content-Length: 5\r\n\r\nhello, and trailing noise").bodyText()).isEqualTo("hello");
        assertThat(parse(head + "\r\nno length: to the end").bodyText()).isEqualTo("no length: to the end");
        assertThat(error(head + "Content-Length: 50\r\n\r\nshort").reason()).contains("larger than the message body");
        assertThat(error(head + "Content-Length: -1\r\n\r\n").reason()).isEqualTo("negative Content-Length");
        assertThat(error(head + "Content-Length: 1x\r\n\r\n").reason()).contains("not a number");
        assertThat(error(head + "Content-Length: 99999999999\r\n\r\n").reason()).contains("too large");
    }

    @Test
    void limitsAreEnforcedWithPreciseErrors() {
        SipParser strict = new SipParser(ParserLimits.DEFAULT.withMaxHeaders(8).withMaxLineLength(100));
        String many = "OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n";
        assertThatThrownBy(() -> strict.parseDatagram(many.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseError.class).hasMessageContaining("more than 8 header lines");
        String longLine = "OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "X: " + "y".repeat(200) + "\r\n\r\n";
        assertThatThrownBy(() -> strict.parseDatagram(longLine.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseError.class).hasMessageContaining("header line too long");
        SipParser tiny = new SipParser(ParserLimits.DEFAULT.withMaxMessageSize(200));
        String big = "MESSAGE sip:c@d SIP/2.0\r\n" + HEADERS + "\r\n" + "z".repeat(300);
        assertThatThrownBy(() -> tiny.parseDatagram(big.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ParseError.class).hasMessageContaining("message larger than 200 bytes");
    }

    @Test
    void malformedValueShowsUpOnAccessAsParseErrorNamingTheHeader() {
        SipMessage m = parse("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS.replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS")
                + "\r\n");
        assertThatThrownBy(m::cseq).isInstanceOf(ParseError.class)
                .satisfies(e -> assertThat(((ParseError) e).header()).isEqualTo("CSeq"));
    }

    @Test
    void unknownHeadersSurviveAndAreReadableByName() {
        SipMessage m = parse("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "X-Custom:  some ; odd,value \r\n\r\n");
        assertThat(m.header("x-custom")).isEqualTo("some ; odd,value");
        assertThat(m.headerKind(6)).isNull();
    }

    @Test
    void messagesBeyond64KiBUseTheWideIndexAndStillRoundTrip() {
        SipParser big = new SipParser(ParserLimits.DEFAULT.withMaxMessageSize(400_000));
        String filler = "X-Pad: " + "p".repeat(8000) + "\r\n";
        String text = "MESSAGE sip:c@d SIP/2.0\r\n" + filler.repeat(10) + HEADERS.replace("OPTIONS", "MESSAGE")
                + "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";
        SipMessage m = big.parseDatagram(text.getBytes(StandardCharsets.UTF_8));
        assertThat(m.callId()).isEqualTo("x");
        assertThat(m.cseq().method()).isEqualTo("MESSAGE");
        assertThat(m.header("X-Pad")).hasSize(8000);
        assertThat(m.contentLength()).isEqualTo(5);
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(m.copy().header("X-Pad")).as("a copy re-reads beyond the default limits").hasSize(8000);
        m.set(Headers.MAX_FORWARDS, 9);
        m.removeHeader("X-Pad");
        SipMessage back = big.parseDatagram(m.toBytes());
        assertThat(back.maxForwards()).isEqualTo(9);
        assertThat(back.headerCount()).isEqualTo(8);
        assertThat(back.bodyText()).isEqualTo("hello");
    }

    @Test
    void overlongHeaderNameIsRejected() {
        assertThat(error("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS + "X" + "n".repeat(5000) + ": v\r\n\r\n").reason())
                .isEqualTo("header name too long");
    }

    @Test
    void viaSentByFollowsTheUriHostRule() {
        SipMessage ok = parse("OPTIONS sip:c@d SIP/2.0\r\n"
                + HEADERS.replace("SIP/2.0/UDP h;", "SIP/2.0/TCP [2001:db8::9:1]:5061;") + "\r\n");
        assertThat(ok.topVia().host()).isEqualTo("[2001:db8::9:1]");
        assertThat(ok.topVia().port()).isEqualTo(5061);
        SipMessage bad = parse("OPTIONS sip:c@d SIP/2.0\r\n" + HEADERS.replace("UDP h;", "UDP 300.1.2.3;") + "\r\n");
        assertThatThrownBy(bad::topVia).isInstanceOf(ParseError.class)
                .hasMessageContaining("IPv4 address octet out of range").hasMessageContaining("Via");
    }
}
