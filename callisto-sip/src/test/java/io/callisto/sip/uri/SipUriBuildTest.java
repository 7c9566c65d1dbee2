package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builders and with* methods: escaping per RFC 3261 §19.1.2 and round trips through the parser. */
class SipUriBuildTest {

    @Test
    void of() {
        assertThat(SipUri.of("alice", "atlanta.com", -1).toString()).isEqualTo("sip:alice@atlanta.com");
        assertThat(SipUri.of(null, "atlanta.com", 5060).toString()).isEqualTo("sip:atlanta.com:5060");
        assertThat(SipUri.of("bob", "2001:db8::1", 5070).toString()).isEqualTo("sip:bob@[2001:db8::1]:5070");
        assertThat(SipUri.of("bob", "[2001:db8::1]", -1).isIpv6Reference()).isTrue();
    }

    @Test
    void builderEscapesEveryComponent() {
        SipUri u = SipUri.builder().secure(true).user("j@s0n doe").password("p:w@").host("example.com")
                .port(5061).parameter("transport", "tcp").parameter("lr", null).parameter("x y", "a;b=c")
                .header("Subject", "hi there&bye").header("to", "sip:bob@biloxi.com").build();
        assertThat(u.toString()).isEqualTo("sips:j%40s0n%20doe:p%3Aw%40@example.com:5061;transport=tcp;lr"
                + ";x%20y=a%3Bb%3Dc?Subject=hi%20there%26bye&to=sip:bob%40biloxi.com");
        assertThat(u.user()).isEqualTo("j@s0n doe");
        assertThat(u.password()).isEqualTo("p:w@");
        assertThat(u.parameter("x y")).isEqualTo("a;b=c");
        assertThat(u.lr()).isTrue();
        assertThat(u.headers().size()).isEqualTo(2);
        assertThat(SipUri.parse(u.toString())).isEqualTo(u);
    }

    /** user-unreserved characters stay literal; '%' and non-ASCII are escaped (as UTF-8). */
    @ParameterizedTest
    @ValueSource(strings = {"alice", "+1-212-555-1212", "alice;day=tuesday", "a&=+$,;?/b", "100%", "j\u00f6rg",
        "\u0000", "a b\tc", "<sip:x>", "\u4e00\u4e8c", "%41", "-_.!~*'()"})
    void userRoundTrip(String user) {
        SipUri u = SipUri.parse("sip:old@example.com;lr").withUser(user);
        assertThat(u.user()).isEqualTo(user);
        SipUri again = SipUri.parse(u.toString());
        assertThat(again.user()).isEqualTo(user);
        assertThat(again.host()).isEqualTo("example.com");
        assertThat(again.lr()).isTrue();
    }

    @Test
    void userEscapingIsMinimal() {
        assertThat(SipUri.of("alice;day=tuesday", "h", -1).toString()).isEqualTo("sip:alice;day=tuesday@h");
        assertThat(SipUri.of("100%", "h", -1).toString()).isEqualTo("sip:100%25@h");
        assertThat(SipUri.of("j\u00f6rg", "h", -1).toString()).isEqualTo("sip:j%C3%B6rg@h");
        assertThat(SipUri.of("a:b", "h", -1).toString()).isEqualTo("sip:a%3Ab@h");
    }

    @ParameterizedTest
    @ValueSource(strings = {"value%41", "a;b", "x=y", "[2001:db8::1]", "sp ace", "\u00e9", "?", "@"})
    void parameterValueRoundTrip(String value) {
        SipUri u = SipUri.parse("sip:h;a=1").withParameter("name", value);
        assertThat(u.parameter("name")).isEqualTo(value);
        assertThat(SipUri.parse(u.toString()).parameter("name")).isEqualTo(value);
        assertThat(u.parameter("a")).isEqualTo("1");
    }

    @Test
    void withParameterReplacesInPlace() {
        SipUri u = SipUri.parse("sip:alice@h;transport=udp;lr?h=v");
        assertThat(u.withParameter("TRANSPORT", "tcp").toString()).isEqualTo("sip:alice@h;TRANSPORT=tcp;lr?h=v");
        assertThat(u.withParameter("maddr", "1.2.3.4").toString())
                .isEqualTo("sip:alice@h;transport=udp;lr;maddr=1.2.3.4?h=v");
        assertThat(SipUri.parse("sip:h;%6C%72").withParameter("lr", null).toString()).isEqualTo("sip:h;lr");
    }

    @Test
    void withoutParameter() {
        SipUri u = SipUri.parse("sip:alice@h;lr;transport=udp;LR?h=v");
        assertThat(u.withoutParameter("lr").toString()).isEqualTo("sip:alice@h;transport=udp?h=v");
        assertThat(u.withoutParameter("nope")).isSameAs(u);
        assertThat(u.withoutParameter("lr").withoutParameter("transport").toString()).isEqualTo("sip:alice@h?h=v");
    }

    @Test
    void withHostPortUser() {
        SipUri u = SipUri.parse("sip:alice:pw@atlanta.com:5060;lr?x=y");
        assertThat(u.withHost("192.0.2.1").toString()).isEqualTo("sip:alice:pw@192.0.2.1:5060;lr?x=y");
        assertThat(u.withHost("::1").toString()).isEqualTo("sip:alice:pw@[::1]:5060;lr?x=y");
        assertThat(u.withPort(-1).toString()).isEqualTo("sip:alice:pw@atlanta.com;lr?x=y");
        assertThat(u.withPort(5070).port()).isEqualTo(5070);
        assertThat(u.withUser("bob").toString()).isEqualTo("sip:bob:pw@atlanta.com:5060;lr?x=y");
        assertThat(u.withUser(null).toString()).isEqualTo("sip:atlanta.com:5060;lr?x=y");
        assertThat(SipUri.parse("sip:h").withUser("carol").toString()).isEqualTo("sip:carol@h");
        assertThat(u.withoutHeaders().toString()).isEqualTo("sip:alice:pw@atlanta.com:5060;lr");
        assertThat(u.toString()).isEqualTo("sip:alice:pw@atlanta.com:5060;lr?x=y");
    }

    @Test
    void invalidBuilderInput() {
        SipUri u = SipUri.parse("sip:h");
        assertThatThrownBy(() -> u.withHost("a@b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withHost("example.com;transport=tcp")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withHost("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withHost("[1::2::3]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withPort(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withPort(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withUser("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withParameter("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> u.withParameter("a", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipUri.builder().user("x").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsedUrisKeepTheirText() {
        String text = "SIP:ALICE@AtLanTa.CoM;Transport=udp";
        SipUri u = SipUri.parse(text);
        assertThat(u.toString()).isSameAs(text);
        assertThat(u.scheme()).isEqualTo("sip");
        assertThat(SipUri.parse("SiPs:h").scheme()).isEqualTo("sips");
    }
}
