package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.header.MediaType;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.parse.ParserLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multipart MIME bodies (RFC 2046 §5.1): SIP-T's SDP + ISUP, and the RFC 4475 mpart01 message. */
class MultipartBodyTest {
    @Test
    void rfc4475Mpart01HasTwoPartsWithBinaryContentIntact() throws IOException {
        SipMessage m = SipParser.DEFAULT.parseDatagram(TortureMessagesTest.resource("rfc4475/mpart01.dat"));
        List<BodyPart> parts = MultipartBody.parts(m);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).contentType().essence()).isEqualTo("text/plain");
        assertThat(parts.get(1).contentType().essence()).isEqualTo("application/octet-stream");
        byte[] binary = parts.get(1).content();
        assertThat(binary).contains((byte) 0);
    }

    static final String SIPT = "--unique-boundary-1\r\n"
            + "Content-Type: application/sdp\r\n\r\n"
            + "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n"
            + "\r\n--unique-boundary-1\r\n"
            + "Content-Type: application/ISUP; version=itu-t92+\r\n"
            + "Content-Disposition: signal; handling=optional\r\n\r\n"
            + "\u0001\u0000\u0049\r\n"
            + "\r\n--unique-boundary-1--\r\nepilogue";

    @Test
    void siptBodySplitsIntoSdpAndIsup() {
        MediaType type = MediaType.parse("multipart/mixed; boundary=unique-boundary-1");
        List<BodyPart> parts = MultipartBody.parse(type, SIPT.getBytes(StandardCharsets.ISO_8859_1),
                ParserLimits.DEFAULT);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).text()).isEqualTo("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        assertThat(parts.get(1).contentType().is("application", "isup")).isTrue();
        assertThat(parts.get(1).header("content-disposition")).isEqualTo("signal; handling=optional");
        assertThat(parts.get(1).content()).containsExactly(1, 0, 0x49, '\r', '\n');
    }

    @Test
    void nestedMultipartAndLimits() {
        String inner = "--in\r\nContent-Type: text/plain\r\n\r\nx\r\n--in--";
        String outer = "--out\r\nContent-Type: multipart/alternative;boundary=in\r\n\r\n" + inner + "\r\n--out--";
        MediaType type = MediaType.parse("multipart/mixed;boundary=out");
        List<BodyPart> parts = MultipartBody.parse(type, outer.getBytes(StandardCharsets.UTF_8),
                ParserLimits.DEFAULT);
        assertThat(parts.get(0).parts()).hasSize(1);
        assertThat(parts.get(0).parts().get(0).text()).isEqualTo("x");
        ParserLimits flat = new ParserLimits(65535, 256, 16384, 64, 1);
        assertThatThrownBy(() -> MultipartBody.parse(type, outer.getBytes(StandardCharsets.UTF_8), flat))
                .isInstanceOf(ParseError.class).hasMessageContaining("nesting too deep");
    }

    @Test
    void malformedMultipartIsAParseError() {
        MediaType type = MediaType.parse("multipart/mixed;boundary=b");
        assertThatThrownBy(() -> MultipartBody.parse(type, "no delimiter".getBytes(StandardCharsets.UTF_8),
                ParserLimits.DEFAULT)).isInstanceOf(ParseError.class).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> MultipartBody.parse(type, "--b\r\n\r\nunclosed".getBytes(StandardCharsets.UTF_8),
                ParserLimits.DEFAULT)).isInstanceOf(ParseError.class).hasMessageContaining("closing delimiter");
        assertThatThrownBy(() -> MultipartBody.parse(MediaType.parse("multipart/mixed"), new byte[0],
                ParserLimits.DEFAULT)).isInstanceOf(ParseError.class).hasMessageContaining("boundary");
    }
}
