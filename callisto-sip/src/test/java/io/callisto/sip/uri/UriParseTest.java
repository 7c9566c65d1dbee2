package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scheme dispatch, absolute URIs, byte ranges, and the RFC 4475 Request-URI torture cases. */
class UriParseTest {

    @ParameterizedTest
    @CsvSource({"sip:h,sip,SipUri", "SIP:h,sip,SipUri", "sips:h,sips,SipUri", "sIpS:h,sips,SipUri",
        "tel:+1,tel,TelUri", "Tel:+1,tel,TelUri", "sipx:h,sipx,AbsoluteUri", "si:h,si,AbsoluteUri",
        "telnet://h,telnet,AbsoluteUri", "URN:service:sos,urn,AbsoluteUri"})
    void dispatchOnScheme(String text, String scheme, String type) {
        Uri u = Uri.parse(text);
        assertThat(u.scheme()).isEqualTo(scheme);
        assertThat(u.getClass().getSimpleName()).isEqualTo(type);
        assertThat(u.toString()).isEqualTo(text);
    }

    /** RFC 4475 §3.3.2 unkscm, §3.3.3 novelsc, §3.3.4 unksm2: other schemes parse as absolute URIs. */
    @ParameterizedTest
    @CsvSource({"nobodyKnowsThisScheme:totallyopaquecontent,nobodyknowsthisscheme,totallyopaquecontent",
        "soap.beep://192.0.2.103:3002,soap.beep,//192.0.2.103:3002",
        "isbn:2983792873,isbn,2983792873", "http://www.example.com,http,//www.example.com",
        "name:John_Smith,name,John_Smith", "a+b-c.d:x,a+b-c.d,x"})
    void unknownSchemes(String text, String scheme, String ssp) {
        AbsoluteUri u = AbsoluteUri.parse(text);
        assertThat(u.scheme()).isEqualTo(scheme);
        assertThat(u.schemeSpecificPart()).isEqualTo(ssp);
        assertThat(u.toString()).isEqualTo(text);
    }

    @Test
    void absoluteUriEquivalence() {
        assertThat(Uri.parse("HTTP://x/A").equivalent(Uri.parse("http://x/A"))).isTrue();
        assertThat(Uri.parse("http://x/A").equivalent(Uri.parse("http://x/a"))).isFalse();
        assertThat(Uri.parse("http://x/A").equivalent(Uri.parse("https://x/A"))).isFalse();
        assertThat(Uri.parse("urn:a").equivalent(Uri.parse("urn:ab"))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                      | URI expected                     | 0",
        "sip                     | ':' expected after URI scheme    | 3",
        "1sip:h                  | URI scheme expected              | 0",
        "si_p:h                  | invalid character in URI scheme  | 2",
        "urn:                    | empty URI after scheme           | 4",
        "urn:a b                 | whitespace in URI                | 5",
        "urn:a<b                 | invalid character in URI         | 5",
        "':h'                    | URI scheme expected              | 0",
    })
    void invalidUris(String text, String reason, int offset) {
        assertThatThrownBy(() -> Uri.parse(text)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    /** RFC 4475 §3.1.2.7 ltgtruri: a Request-URI in angle brackets is not a URI. */
    @Test
    void ltgtruri() {
        assertThatThrownBy(() -> Uri.parse("<sip:user@example.com>"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.offset()).isZero());
    }

    /** RFC 4475 §3.1.2.14 badaspec: spaces around the addr-spec are not part of the URI. */
    @ParameterizedTest
    @ValueSource(strings = {" sip:t.watson@example.org ", " sip:t.watson@example.org", "sip:t.watson@example.org ",
        "sip:t.watson@example.org\r\n", "\tsip:h", "sip:user@example.com; lr", "urn:x "})
    void badaspecAndSurroundingWhitespace(String text) {
        assertThatThrownBy(() -> Uri.parse(text)).isInstanceOfSatisfying(ParseError.class,
                e -> assertThat(e.reason()).containsAnyOf("whitespace", "invalid"));
    }

    @Test
    void byteRangeOffsetsAreAbsolute() {
        byte[] line = "INVITE sip:bob@biloxi.com:99999 SIP/2.0".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Uri.parse(line, 7, 31)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.reason()).isEqualTo("port out of range");
            assertThat(e.offset()).isEqualTo(26);
        });
        byte[] ok = "INVITE sip:bob@biloxi.com;lr SIP/2.0".getBytes(StandardCharsets.US_ASCII);
        SipUri u = SipUri.parse(ok, 7, 28);
        assertThat(u.toString()).isEqualTo("sip:bob@biloxi.com;lr");
        assertThat(u.lr()).isTrue();
        assertThat(Uri.parse(ok, 7, 10 + 1 + 3)).isInstanceOf(SipUri.class).hasToString("sip:bob");
        assertThatThrownBy(() -> Uri.parse(ok, 7, 29)).isInstanceOfSatisfying(ParseError.class,
                e -> assertThat(e.offset()).isEqualTo(28));
    }

    @Test
    void nonAsciiStringInputIsRejectedNotMangled() {
        // '\u4e00' must not turn into '?' (which the user part would accept).
        assertThatThrownBy(() -> Uri.parse("sip:a\u4e00b@host")).isInstanceOf(ParseError.class);
        assertThatThrownBy(() -> Uri.parse("urn:\u00e9")).isInstanceOf(ParseError.class);
    }

    @Test
    void rangeMisuseIsNotAParseError() {
        assertThatThrownBy(() -> Uri.parse(new byte[3], 2, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
