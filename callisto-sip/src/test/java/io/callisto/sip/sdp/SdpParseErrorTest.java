package io.callisto.sip.sdp;

import static io.callisto.sip.sdp.SdpCorpus.bytes;
import static io.callisto.sip.sdp.SdpCorpus.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;

/** Invalid session descriptions: each gives a ParseError with a precise reason and byte offset. */
class SdpParseErrorTest {

    static final String BASE = crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 49170 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """);

    /** Parses {@code sdp} expecting a ParseError with this reason at the offset of {@code marker} + delta. */
    private static void fails(String sdp, String reason, String marker, int delta) {
        ParseError e = catchThrowableOfType(ParseError.class, () -> SessionDescription.parse(sdp));
        assertThat(e).as("parse error for %s", sdp).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.offset()).as("offset").isEqualTo(sdp.indexOf(marker) + delta);
        assertThat(e.getStackTrace()).isEmpty();
    }

    private static void fails(String sdp, String reason, String marker) {
        fails(sdp, reason, marker, 0);
    }

    private static void failsValidation(String sdp, String reason, String marker, int delta) {
        SessionDescription sd = SessionDescription.parse(sdp);
        ParseError e = catchThrowableOfType(ParseError.class, sd::validate);
        assertThat(e).as("validation error for %s", sdp).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.offset()).as("offset").isEqualTo(sdp.indexOf(marker) + delta);
    }

    private static String replace(String from, String to) {
        assertThat(BASE).contains(from);
        return BASE.replace(from, to);
    }

    @Test
    void baseIsValid() {
        assertThat(SessionDescription.parseStrict(BASE).toString()).isEqualTo(BASE);
    }

    @Test
    void emptyAndFraming() {
        fails("", "empty session description", "", 0);
        fails("\r\n\r\n", "empty session description", "", 0);
        fails(replace("s=-\r\n", "s=-\r\n\r\n"), "line 4: empty line", "\r\n\r\nc=", 2);
        fails(replace("s=-\r\n", "s=-\rx\n"), "line 3: CR not followed by LF", "\rx");
        fails(replace("s=-", "s=a\0b"), "line 3: NUL byte not allowed", "\0");
        fails(replace("s=-", "s-"), "line 3: expected <type>=<value>", "s-");
        fails(replace("s=-", "s=-\r\n1=x"), "line 4: expected <type>=<value>", "1=x");
        fails(replace("s=-", "s=-\r\n=x"), "line 4: expected <type>=<value>", "\n=x", 1);
    }

    @Test
    void versionLine() {
        fails(BASE.substring(BASE.indexOf("o=")), "line 1: v= line must come first", "o=");
        fails("hello", "line 1: v= line must come first", "hello");
        fails(replace("v=0", "v=x"), "line 1: bad v= line: version not a number", "x");
        fails(replace("v=0", "v="), "line 1: bad v= line: version expected", "\r\n");
        fails("v=0\r\n", "o= line missing at end of session description", "", 5);
    }

    @Test
    void originLine() {
        fails(replace("o=- 1 1 IN", "o=- 1 IN"), "line 2: bad o= line: expected 6 fields, found 5",
                "\r\ns=", 0);
        fails(replace("IP4 192.0.2.1\r\ns", "IP4 192.0.2.1 x\r\ns"),
                "line 2: bad o= line: expected 6 fields, found 7", " x\r\ns", 1);
        fails(replace("o=- 1 1", "o=- 1x 1"), "line 2: bad o= line: sess-id not a number", "x 1 IN");
        fails(replace("o=- 1 1", "o=- 1 y"), "line 2: bad o= line: sess-version not a number", "y");
        fails(replace("o=- 1 1 IN", "o=- 1 1 I@N"), "line 2: bad o= line: invalid character in nettype", "@");
        fails(replace("o=- 1 1 IN IP4 192.0.2.1", "s=-"), "line 2: o= line must follow v= line", "s=-");
    }

    @Test
    void requiredLinesAndOrder() {
        fails(replace("s=-\r\n", ""), "line 3: s= line must follow o= line", "c=");
        fails(replace("t=0 0\r\n", ""), "line 5: t= line missing before m= line", "m=");
        String noTime = replace("t=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n", "");
        fails(noTime, "t= line missing at end of session description", "", noTime.length());
        fails(replace("t=0 0", "t=0 0\r\nc=IN IP4 192.0.2.2"), "line 6: c= line out of order (after t= line)",
                "c=IN IP4 192.0.2.2");
        fails(replace("s=-", "s=-\r\ns=again"), "line 4: duplicate s= line", "s=again");
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.9"),
                "line 5: duplicate c= line", "c=IN IP4 192.0.2.9");
        fails(replace("c=IN", "r=1d 1h 0\r\nc=IN"), "line 4: r= line must follow a t= line", "r=");
        fails(replace("t=0 0", "t=0 0\r\nr=1d 1h 0\r\nz=1 0\r\nz=2 0"),
                "line 8: only one z= line allowed per time description", "z=2");
        fails(replace("t=0 0", "t=0 0\r\na=x\r\nk=prompt"), "line 7: k= line out of order (after a= line)",
                "k=");
        fails(replace("t=0 0", "t=0 0\r\na=x\r\nt=1 2"), "line 7: t= line out of order (after a= line)",
                "t=1 2");
        fails(replace("a=rtpmap", "o=- 1 1 IN IP4 h\r\na=rtpmap"),
                "line 7: o= line not allowed in a media description", "o=- 1 1 IN IP4 h");
        fails(replace("a=rtpmap:0 PCMU/8000", "c=IN IP4 192.0.2.1\r\ni=late"),
                "line 8: i= line out of order (after c= line)", "i=late");
        fails(replace("a=rtpmap:0 PCMU/8000", "i=one\r\ni=two"), "line 8: duplicate i= line in media description",
                "i=two");
    }

    @Test
    void mediaLine() {
        fails(replace("49170", "49x70"), "line 6: bad m= line: port not a number", "x70");
        fails(replace("49170", "70000"), "line 6: bad m= line: port out of range", "70000");
        fails(replace("49170", "4917000"), "line 6: bad m= line: port too large", "4917000");
        fails(replace("49170", "49170/0"), "line 6: bad m= line: number of ports out of range", "0 RTP", 0);
        fails(replace("RTP/AVP 0", "RTP/AVP"), "line 6: bad m= line: no formats", "\r\na=rtpmap");
        fails(replace("RTP/AVP 0", ""), "line 6: bad m= line: expected <media> <port> <proto> <fmt> ..., found 2 "
                + "fields", "\r\na=rtpmap");
        fails(replace("RTP/AVP 0", "RTP/ 0"), "line 6: bad m= line: proto expected", "/ 0", 1);
        fails(replace("RTP/AVP 0", "RTP/AVP 0 (x)"), "line 6: bad m= line: invalid character in format", "(x)");
        fails(replace("m=audio", "m=au\"dio"), "line 6: bad m= line: invalid character in media type", "\"");
    }

    @Test
    void connectionLine() {
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4"), "line 4: bad c= line: expected 3 fields, found 2",
                "\r\nt=");
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4 233.252.0.1/300"), "line 4: bad c= line: TTL out of range",
                "300");
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4 233.252.0.1/x"), "line 4: bad c= line: TTL not a number",
                "x\r\n");
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4 233.252.0.1/127/0"),
                "line 4: bad c= line: address count out of range", "/0", 1);
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP6 ff00::1/3/2"),
                "line 4: bad c= line: IP6 multicast address takes no TTL", "/2");
        fails(replace("c=IN IP4 192.0.2.1", "c=IN IP4 /127"), "line 4: bad c= line: connection address expected",
                "/127");
    }

    @Test
    void otherFields() {
        fails(replace("t=0 0", "t=0 x"), "line 5: bad t= line: stop time not a number", "x");
        fails(replace("t=0 0", "t=0"), "line 5: bad t= line: expected 2 fields, found 1", "\r\nm=");
        fails(replace("t=0 0", "t=0 0\r\nr=0 1h 0"), "line 6: bad r= line: repeat interval must not be zero",
                "0 1h");
        fails(replace("t=0 0", "t=0 0\r\nr=7d 1h"), "line 6: bad r= line: expected at least 3 fields, found 2",
                "\r\nm=");
        fails(replace("t=0 0", "t=0 0\r\nr=7d 1y 0"), "line 6: bad r= line: active duration not a number", "y");
        fails(replace("t=0 0", "t=0 0\r\nr=7d 1h 0\r\nz=3730928400"),
                "line 7: bad z= line: expected pairs of adjustment time and offset", "\r\nm=");
        fails(replace("t=0 0", "t=0 0\r\nr=7d 1h 0\r\nz=3730928400 +1h"), "line 7: bad z= line: offset not a "
                + "number", "+1h");
        fails(replace("c=IN", "b=AS128\r\nc=IN"), "line 4: bad b= line: ':' expected after bandwidth type",
                "\r\nc=IN");
        fails(replace("c=IN", "b=AS:x\r\nc=IN"), "line 4: bad b= line: bandwidth not a number", "x\r\nc=IN");
        fails(replace("a=rtpmap", "a=foo bar\r\na=rtpmap"), "line 7: bad a= line: invalid character in attribute "
                + "name", " bar");
        fails(replace("a=rtpmap", "a=:x\r\na=rtpmap"), "line 7: bad a= line: attribute name expected", ":x");
    }

    @Test
    void attributeValuesAreCheckedByValidate() {
        failsValidation(replace("PCMU/8000", "PCMU"), "line 7: bad rtpmap: clock rate expected", "PCMU\r\n", 4);
        failsValidation(replace("rtpmap:0", "rtpmap:x"), "line 7: bad rtpmap: payload type not a number", "x PCMU",
                0);
        failsValidation(replace("rtpmap:0", "rtpmap:200"), "line 7: bad rtpmap: payload type out of range", "200",
                0);
        failsValidation(replace("PCMU/8000", "PCMU/8000/x"), "line 7: bad rtpmap: channels not a number", "x\r\n",
                0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=rtpmap:0 PCMA/8000"),
                "line 8: duplicate rtpmap for payload type 0 (RFC 8866 §6.6)", "0 PCMA", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=ptime:0"),
                "line 8: bad ptime: packet time must not be zero", "ptime:0", 6);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=maxptime:2x"),
                "line 8: bad maxptime: packet time not a number", "x\r\n", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=fmtp:0"), "line 8: bad fmtp: parameters expected",
                "fmtp:0\r\n", 6);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=rtcp:x"), "line 8: bad rtcp: port not a number",
                "x\r\n", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc!"),
                "line 8: bad crypto: invalid character in inline key", "!", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=sendonly\r\na=recvonly"),
                "line 9: more than one direction attribute (RFC 8866 §6.7)", "recvonly", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=sendonly:yes"), "line 8: a=sendonly takes no value",
                ":yes", 0);
        failsValidation(replace("PCMU/8000", "PCMU/8000\r\na=rtcp-mux:1"), "line 8: a=rtcp-mux takes no value",
                ":1", 0);
        failsValidation(replace("t=0 0", "t=0 0\r\na=rtcp:9"),
                "line 6: a=rtcp not allowed at session level (RFC 3605 §2.1)", "rtcp:9", 0);
        failsValidation(replace("c=IN IP4 192.0.2.1\r\n", ""),
                "line 5: media description has no c= line and the session has none (RFC 8866 §5.7)", "m=", 0);
        failsValidation(replace("v=0", "v=1"), "line 1: unsupported SDP version 1 (RFC 8866 §5.1 defines 0)", "1",
                0);
    }

    @Test
    void errorOffsetsAreIndexesIntoTheCallersArray() {
        String sdp = replace("49170", "49x70");
        byte[] b = bytes("GARBAGE" + sdp + "TRAILING");
        ParseError e = catchThrowableOfType(ParseError.class,
                () -> SessionDescription.parse(b, 7, 7 + sdp.length()));
        assertThat(e.offset()).isEqualTo(7 + sdp.indexOf("x70"));
        assertThat(e.getMessage()).isEqualTo("line 6: bad m= line: port not a number at offset " + e.offset());
    }

    @Test
    void typedParsersReportOffsetsWithinTheirValue() {
        ParseError e = catchThrowableOfType(ParseError.class, () -> Rtpmap.parse("96 opus/48000/x"));
        assertThat(e.reason()).isEqualTo("bad rtpmap: channels not a number");
        assertThat(e.offset()).isEqualTo(14);
        e = catchThrowableOfType(ParseError.class, () -> Origin.parse("a b c d e"));
        assertThat(e.reason()).isEqualTo("bad o= line: expected 6 fields, found 5");
    }
}
