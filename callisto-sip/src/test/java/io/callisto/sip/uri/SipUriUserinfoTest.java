package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** userinfo = ( user / telephone-subscriber ) [ ":" password ] "@" (RFC 3261 §25.1, §19.1.1). */
class SipUriUserinfoTest {

    @Test
    void noUserinfo() {
        SipUri u = SipUri.parse("sip:atlanta.com");
        assertThat(u.user()).isNull();
        assertThat(u.userRaw()).isNull();
        assertThat(u.password()).isNull();
        assertThat(u.host()).isEqualTo("atlanta.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:alice@atlanta.com                           | alice",
        "sip:+1-212-555-1212:1234@gateway.com;user=phone | +1-212-555-1212",
        "sip:alice;day=tuesday@atlanta.com               | alice;day=tuesday",
        "sip:a&b=c+d$e,f;g?h/i@host                      | a&b=c+d$e,f;g?h/i",
        "sip:-_.!~*'()@host                              | -_.!~*'()",
        "sip:j%40s0n@host                                | j%40s0n",
    })
    void validUsers(String uri, String userRaw) {
        SipUri u = SipUri.parse(uri);
        assertThat(u.userRaw()).isEqualTo(userRaw);
        assertThat(u.toString()).isEqualTo(uri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:@host            | empty user part         | 4",
        "sip::pw@host         | empty user part         | 4",
        "sip:al ice@host      | invalid character in user part | 6",
        "sip:al[ice@host      | invalid character in user part | 6",
        "sip:al\"ice@host     | invalid character in user part | 6",
        "sip:al%4@host        | invalid escape sequence | 6",
        "sip:al%zzice@host    | invalid escape sequence | 6",
        "sip:al%@host         | invalid escape sequence | 6",
    })
    void invalidUsers(String uri, String reason, int offset) {
        assertThatThrownBy(() -> Uri.parse(uri))
                .isInstanceOfSatisfying(ParseError.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void userWithNonAsciiIsRejected() {
        assertThatThrownBy(() -> Uri.parse("sip:j\u00f6rg@host")).isInstanceOf(ParseError.class);
        assertThatThrownBy(() -> Uri.parse("sip:a\u4e00b@host")).isInstanceOf(ParseError.class);
    }

    @Test
    void passwords() {
        SipUri u = SipUri.parse("sip:alice:secretword@atlanta.com;transport=tcp");
        assertThat(u.user()).isEqualTo("alice");
        assertThat(u.password()).isEqualTo("secretword");
        assertThat(u.passwordRaw()).isEqualTo("secretword");

        SipUri empty = SipUri.parse("sip:alice:@atlanta.com");
        assertThat(empty.password()).isEmpty();

        SipUri escaped = SipUri.parse("sip:alice:p%40ss&=+$,-_.!~*'()@atlanta.com");
        assertThat(escaped.password()).isEqualTo("p@ss&=+$,-_.!~*'()");
        assertThat(escaped.passwordRaw()).isEqualTo("p%40ss&=+$,-_.!~*'()");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:alice:pw:x@host", "sip:alice:p;w@host", "sip:alice:p?w@host",
        "sip:alice:p/w@host", "sip:alice:p%2@host"})
    void invalidPasswords(String uri) {
        assertThatThrownBy(() -> Uri.parse(uri))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.offset()).isBetween(10, 14));
    }

    /** RFC 4475 §3.1.1.3 esc01: escapes in the user part, resolved by user(). */
    @Test
    void esc01() {
        SipUri ruri = SipUri.parse("sip:sips%3Auser%40example.com@example.net");
        assertThat(ruri.user()).isEqualTo("sips:user@example.com");
        assertThat(ruri.host()).isEqualTo("example.net");
        assertThat(SipUri.parse("sip:%75se%72@example.com").user()).isEqualTo("user");
        assertThat(SipUri.parse("sip:I%20have%20spaces@example.net").user()).isEqualTo("I have spaces");
        SipUri contact = SipUri.parse("sip:cal%6Cer@host5.example.net;%6C%72;n%61me=v%61lue%25%34%31");
        assertThat(contact.user()).isEqualTo("caller");
        assertThat(contact.lr()).isTrue();
        assertThat(contact.parameter("name")).isEqualTo("value%41"); // not recursively unescaped
        assertThat(contact.parameters().value(1)).isEqualTo("v%61lue%25%34%31");
    }

    /** RFC 4475 §3.1.1.4 escnull: %00 is a valid escape; the user is not shortened. */
    @Test
    void escnull() {
        SipUri u = SipUri.parse("sip:null-%00-null@example.com");
        assertThat(u.user()).isEqualTo("null-\u0000-null").hasSize(11);
        assertThat(SipUri.parse("sip:%00@host5.example.com").user()).isEqualTo("\u0000");
        assertThat(SipUri.parse("sip:%00%00@host5.example.com").user()).isEqualTo("\u0000\u0000");
        assertThat(SipUri.parse("sip:%00@host5.example.com")
                .equivalent(SipUri.parse("sip:%00%00@host5.example.com"))).isFalse();
    }

    /** RFC 4475 §3.1.1.9 semiuri: the user part is "user;par=u@example.net". */
    @Test
    void semiuri() {
        SipUri u = SipUri.parse("sip:user;par=u%40example.net@example.com");
        assertThat(u.user()).isEqualTo("user;par=u@example.net");
        assertThat(u.host()).isEqualTo("example.com");
        assertThat(u.parameters().isEmpty()).isTrue();
    }

    /**
     * RFC 4475 §3.1.1.5 esc02: '%' is an escape only where "escaped" is in the grammar. In a user part it is,
     * so a '%' not followed by two hex digits there is an error rather than a literal '%'.
     */
    @Test
    void esc02PercentWithoutHexInUserIsAnError() {
        assertThatThrownBy(() -> Uri.parse("sip:%Z%45@example.com"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.offset()).isEqualTo(4));
        assertThat(SipUri.parse("sip:resource@example.com").user()).isEqualTo("resource");
    }

    @Test
    void userUnescapesUtf8() {
        assertThat(SipUri.parse("sip:j%C3%B6rg@host").user()).isEqualTo("j\u00f6rg");
        assertThat(SipUri.parse("sip:bad%FF@host").user()).isEqualTo("bad\ufffd");
    }
}
