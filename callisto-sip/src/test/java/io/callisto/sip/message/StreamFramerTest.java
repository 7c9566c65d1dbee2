package io.callisto.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import io.callisto.sip.parse.ParserLimits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content-Length framing on streams (RFC 3261 §18.3) and CRLF keep-alives (RFC 5626 §4.4.1). */
class StreamFramerTest {
    static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74bf9\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: Alice <sip:alice@example.com>;tag=9fxced76sl\r\n"
            + "To: Bob <sip:bob@example.com>\r\n"
            + "Call-ID: 3848276298220188511@client.example.com\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:alice@client.example.com;transport=tcp>\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: 31\r\n"
            + "\r\n"
            + "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n";
    static final String OK = "SIP/2.0 200 OK\r\n"
            + "Via: SIP/2.0/TCP client.example.com:5060;branch=z9hG4bK74bf9\r\n"
            + "From: Alice <sip:alice@example.com>;tag=9fxced76sl\r\n"
            + "To: Bob <sip:bob@example.com>;tag=8321234356\r\n"
            + "Call-ID: 3848276298220188511@client.example.com\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    static final class Collector implements StreamFramer.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onMessage(SipMessage message) {
            events.add(new String(message.toBytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void onPing() {
            events.add("PING");
        }

        @Override
        public void onPong() {
            events.add("PONG");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pipelinedMessagesAndKeepAlivesSplitAtEveryByte() {
        byte[] stream = bytes(INVITE + OK + "\r\n\r\n" + INVITE + "\r\n" + OK);
        List<String> expected = List.of(INVITE, OK, "PING", INVITE, "PONG", OK);
        int pingMiddle = bytes(INVITE + OK + "\r\n").length;
        for (int cut = 0; cut <= stream.length; cut++) {
            Collector c = new Collector();
            StreamFramer f = new StreamFramer(SipParser.DEFAULT, c);
            f.feed(stream, 0, cut);
            f.feed(stream, cut, stream.length - cut);
            if (cut == pingMiddle) {
                // a ping cut in half: the first CRLF looks like a pong until the second arrives
                assertThat(c.events).isEqualTo(List.of(INVITE, OK, "PONG", "PING", INVITE, "PONG", OK));
                continue;
            }
            assertThat(c.events).as("split at %d", cut).isEqualTo(expected);
            assertThat(f.buffered()).isZero();
        }
    }

    @Test
    void oneByteAtATime() {
        byte[] stream = bytes(INVITE + OK + INVITE);
        Collector c = new Collector();
        StreamFramer f = new StreamFramer(SipParser.DEFAULT, c);
        for (byte b : stream) {
            f.feed(new byte[] {b});
        }
        assertThat(c.events).containsExactly(INVITE, OK, INVITE);
    }

    @Test
    void bodyWithBinaryBytesIsFramedByContentLengthOnly() {
        String head = "MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 MESSAGE\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: 6\r\n\r\n";
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(bytes(head));
        s.writeBytes(new byte[] {0, '\r', '\n', '\r', '\n', 0});
        s.writeBytes(bytes(OK));
        Collector c = new Collector();
        new StreamFramer(SipParser.DEFAULT, c).feed(s.toByteArray());
        assertThat(c.events).hasSize(2);
        assertThat(c.events.get(1)).isEqualTo(OK);
    }

    @Test
    void partialMessageWaitsForMoreBytes() {
        Collector c = new Collector();
        StreamFramer f = new StreamFramer(SipParser.DEFAULT, c);
        byte[] b = bytes(INVITE);
        f.feed(b, 0, b.length - 1);
        assertThat(c.events).isEmpty();
        assertThat(f.buffered()).isEqualTo(b.length - 1);
        f.feed(b, b.length - 1, 1);
        assertThat(c.events).containsExactly(INVITE);
    }

    @Test
    void missingContentLengthIsAFramingError() {
        String noCl = OK.replace("Content-Length: 0\r\n", "");
        StreamFramer f = new StreamFramer(SipParser.DEFAULT, new Collector());
        assertThatThrownBy(() -> f.feed(bytes(noCl))).isInstanceOf(ParseError.class)
                .hasMessageContaining("Content-Length is required on a stream");
        assertThatThrownBy(() -> f.feed(bytes(OK))).isInstanceOf(ParseError.class)
                .hasMessageContaining("already failed");
    }

    @Test
    void oversizeHeaderSectionIsRejectedWithoutWaitingForever() {
        ParserLimits small = ParserLimits.DEFAULT.withMaxMessageSize(1024);
        StreamFramer f = new StreamFramer(new SipParser(small), new Collector());
        byte[] junk = bytes("OPTIONS sip:a SIP/2.0\r\nX: " + "a".repeat(2000));
        assertThatThrownBy(() -> f.feed(junk)).isInstanceOf(ParseError.class)
                .hasMessageContaining("larger than 1024");
    }

    @Test
    void oversizeContentLengthIsRejectedBeforeTheBodyArrives() {
        ParserLimits small = ParserLimits.DEFAULT.withMaxMessageSize(1024);
        StreamFramer f = new StreamFramer(new SipParser(small), new Collector());
        assertThatThrownBy(() -> f.feed(bytes(OK.replace("Content-Length: 0", "Content-Length: 5000"))))
                .isInstanceOf(ParseError.class).hasMessageContaining("message larger than 1024");
    }

    @Test
    void crAloneAtTheEndOfAReadWaitsForItsLf() {
        // found by the fuzzer: "\r" then "\n8" once indexed before the buffer start
        Collector c = new Collector();
        StreamFramer f = new StreamFramer(SipParser.DEFAULT, c);
        f.feed(bytes("\r"));
        assertThat(c.events).isEmpty();
        f.feed(bytes("\n" + OK));
        assertThat(c.events).containsExactly("PONG", OK);
    }
}
