package io.callisto.sip.sdp;

import static io.callisto.sip.sdp.SdpCorpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;

/** Limits on size, line count and line length, line-end variants, and linear parse time. */
class SdpLimitsTest {
    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP 0\r\n";

    @Test
    void tooManyLines() {
        StringBuilder sb = new StringBuilder(HEAD);
        int lineStart = 0;
        for (int i = 0; i < 5000; i++) {
            if (i == SdpLimits.DEFAULT.maxLines() - 6) {
                lineStart = sb.length();
            }
            sb.append("a=x-").append(i).append("\r\n");
        }
        ParseError e = catchThrowableOfType(ParseError.class, () -> SessionDescription.parse(sb.toString()));
        assertThat(e.reason()).isEqualTo("too many lines (limit 4096)");
        assertThat(e.offset()).isEqualTo(lineStart);
    }

    @Test
    void lineTooLong() {
        String sdp = HEAD + "a=fmtp:0 " + "x".repeat(5000) + "\r\n";
        ParseError e = catchThrowableOfType(ParseError.class, () -> SessionDescription.parse(sdp));
        assertThat(e.reason()).isEqualTo("line 7: line too long (limit 4096 bytes)");
        assertThat(e.offset()).isEqualTo(HEAD.length() + 4096);
        String justFits = HEAD + "a=" + "x".repeat(4094) + "\r\n";
        assertThat(SessionDescription.parse(justFits).toString()).isEqualTo(justFits);
        String unterminated = HEAD + "a=" + "x".repeat(4095);
        assertThatThrownBy(() -> SessionDescription.parse(unterminated)).isInstanceOf(ParseError.class)
                .hasMessageContaining("line too long");
    }

    @Test
    void customLimits() {
        SdpLimits small = new SdpLimits(100, 10, 40);
        byte[] b = bytes(HEAD + "a=sendrecv\r\na=x-padding-padding\r\n");
        ParseError e = catchThrowableOfType(ParseError.class, () -> SessionDescription.parse(b, 0, b.length, small));
        assertThat(e.reason()).isEqualTo("session description too large (limit 100 bytes)");
        assertThat(e.offset()).isEqualTo(100);
        assertThat(SessionDescription.parse(b, 0, b.length, new SdpLimits(200, 8, 40)).media(0).effectiveDirection())
                .isEqualTo(Direction.SENDRECV);
        assertThatThrownBy(() -> new SdpLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lineEndsMixedMissingAndTrailing() {
        String mixed = "v=0\no=- 1 1 IN IP4 h\r\ns=-\nc=IN IP4 192.0.2.1\r\nt=0 0\nm=audio 9 RTP/AVP 0";
        SessionDescription sd = SessionDescription.parseStrict(mixed);
        assertThat(sd.toString()).isEqualTo(mixed);
        assertThat(sd.lines()).extracting(SdpLine::lineEnding).containsExactly("\n", "\r\n", "\n", "\r\n", "\n");
        String trailing = HEAD + "\r\n\r\n\n";
        assertThat(SessionDescription.parse(trailing).toString()).isEqualTo(trailing);
        assertThat(SessionDescription.parse(trailing).media(0).lines()).hasSize(1);
    }

    @Test
    void nonUtf8TextIsKeptAsBytes() {
        String text = "v=0\no=- 1 1 IN IP4 h\ns=caf?\nt=0 0\na=charset:ISO-8859-1\n";
        byte[] b = bytes(text);
        b[text.indexOf('?')] = (byte) 0xe9; // "caf?" becomes ISO-8859-1 "café" (RFC 8866 §6.10)
        SessionDescription sd = SessionDescription.parse(b);
        assertThat(sd.toBytes()).isEqualTo(b);
        assertThat(sd.lines().get(2).valueBytes()).containsExactly('c', 'a', 'f', 0xe9);
        assertThat(sd.attribute("charset").orElseThrow().value()).isEqualTo("ISO-8859-1");
    }

    @Test
    void largestAllowedInputsParseAndRoundTrip() {
        StringBuilder sb = new StringBuilder(HEAD);
        while (sb.length() < SdpLimits.DEFAULT.maxBytes() - 200) {
            sb.append("a=rtpmap:96 opus/48000/2 ").append("y".repeat(40)).append("\r\n");
        }
        byte[] big = bytes(sb.toString());
        StringBuilder formats = new StringBuilder(HEAD.replace("RTP/AVP 0", "RTP/AVP"));
        formats.setLength(formats.length() - 2);
        while (formats.length() < HEAD.length() + 4000) {
            formats.append(" 0");
        }
        byte[] wide = bytes(formats.append("\r\n").toString());
        SessionDescription sd = SessionDescription.parse(big);
        assertThat(sd.toBytes()).isEqualTo(big);
        assertThat(SessionDescription.parse(wide).toBytes()).isEqualTo(wide);
    }
}
