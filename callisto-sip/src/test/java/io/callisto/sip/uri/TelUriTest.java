package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tel URI, RFC 3966. */
class TelUriTest {

    /** RFC 3966 §6 examples. */
    @Test
    void rfc3966Examples() {
        TelUri a = TelUri.parse("tel:+1-201-555-0123");
        assertThat(a.global()).isTrue();
        assertThat(a.number()).isEqualTo("+1-201-555-0123");
        assertThat(a.digits()).isEqualTo("+12015550123");
        assertThat(a.phoneContext()).isNull();
        assertThat(a.scheme()).isEqualTo("tel");
        assertThat(a.toString()).isEqualTo("tel:+1-201-555-0123");

        TelUri b = TelUri.parse("tel:7042;phone-context=example.com");
        assertThat(b.global()).isFalse();
        assertThat(b.number()).isEqualTo("7042");
        assertThat(b.phoneContext()).isEqualTo("example.com");

        TelUri c = TelUri.parse("tel:863-1234;phone-context=+1-914-555");
        assertThat(c.number()).isEqualTo("863-1234");
        assertThat(c.phoneContext()).isEqualTo("+1-914-555");
        assertThat(TelUri.parse("tel:1234;phone-context=munich.example.com").phoneContext())
                .isEqualTo("munich.example.com");
    }

    @Test
    void extensionSubaddressAndOtherParameters() {
        TelUri t = TelUri.parse("tel:+1-212-555-0101;ext=22-3;foo=b%61r;m-flag");
        assertThat(t.extension()).isEqualTo("22-3");
        assertThat(t.isdnSubaddress()).isNull();
        assertThat(t.parameter("foo")).isEqualTo("bar");
        assertThat(t.parameters().get("foo")).isEqualTo("b%61r");
        assertThat(t.parameters().has("m-flag")).isTrue();
        assertThat(t.parameters().size()).isEqualTo(3);

        TelUri s = TelUri.parse("tel:+358-555-1234567;isub=1411%20a/b?c=d&e@f,g");
        assertThat(s.isdnSubaddress()).isEqualTo("1411%20a/b?c=d&e@f,g");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:*123#;phone-context=example.com", "tel:(0)30.1234-5;phone-context=+49",
        "tel:ABCD;phone-context=example.com.", "tel:+(1)2", "tel:911", "tel:+1;EXT=1", "TEL:+1"})
    void validNumbers(String uri) {
        assertThat(Uri.parse(uri)).isInstanceOf(TelUri.class).hasToString(uri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tel:                      | telephone number expected",
        "tel:+                     | telephone number expected",
        "tel:+--                   | telephone number expected",
        "tel:+1A                   | invalid character in tel URI",
        "tel:+1 234                | whitespace in URI",
        "tel:12g4                  | invalid character in tel URI",
        "tel:+1;ext=               | invalid tel URI parameter value",
        "tel:+1;ext=a              | invalid tel URI parameter value",
        "tel:+1;ext                | '=' expected after tel URI parameter name",
        "tel:+1;ext=1;ext=2        | more than one isub or ext",
        "tel:+1;isub=1;ext=2       | more than one isub or ext",
        "tel:1;phone-context=a;phone-context=b | duplicate phone-context",
        "tel:1;phone-context=      | invalid tel URI parameter value",
        "tel:1;phone-context=+     | invalid phone-context",
        "tel:1;phone-context=1.2.3.4 | host name top label is all digits",
        "tel:1;phone-context=-a.com | host name label begins or ends with '-'",
        "tel:+1;                   | tel URI parameter name expected",
        "tel:+1;a_b=c              | invalid character in tel URI",
        "tel:+1;a=b;;c             | tel URI parameter name expected",
        "tel:+1;a=%2               | invalid escape sequence",
        "tel:+1;isub=%             | invalid escape sequence",
        "tel:+1?a=b                | invalid character in tel URI",
    })
    void invalidTelUris(String uri, String reason) {
        assertThatThrownBy(() -> Uri.parse(uri)).isInstanceOfSatisfying(ParseError.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "tel:+1-201-555-0123 | tel:+12015550123 | true",
        "tel:+1-201-555-0123 | tel:+1.201.(555).0123 | true",
        "tel:+12015550123 | tel:12015550123;phone-context=+1 | false",
        "tel:7042;phone-context=example.com | tel:7042;phone-context=EXAMPLE.com | true",
        "tel:7042;phone-context=example.com | tel:7042;phone-context=example.org | false",
        "tel:863-1234;phone-context=+1-914-555 | tel:8631234;phone-context=+1914555 | true",
        "tel:ab-cd;phone-context=x.com | tel:ABCD;PHONE-CONTEXT=x.com | true",
        "tel:+1;ext=1-2;a=b;c=d | tel:+1;c=D;a=B;ext=12 | true",
        "tel:+1;a=b | tel:+1 | false",
        "tel:+1;a=b | tel:+1;a=c | false",
        "tel:+1;a | tel:+1;a=a | false",
        "tel:+1;a=%62 | tel:+1;a=b | true",
        "tel:+1 | tel:+2 | false",
    })
    void rfc3966Comparison(String a, String b, boolean equivalent) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);
        assertThat(x.equivalent(y)).isEqualTo(equivalent);
        assertThat(y.equivalent(x)).isEqualTo(equivalent);
    }

    @Test
    void parseRejectsOtherSchemes() {
        assertThatThrownBy(() -> TelUri.parse("sip:+1@h")).isInstanceOf(ParseError.class);
        assertThatThrownBy(() -> SipUri.parse("tel:+1")).isInstanceOf(ParseError.class);
    }
}
