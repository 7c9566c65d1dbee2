package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** hostport = host [ ":" port ]; host = hostname / IPv4address / IPv6reference (RFC 3261 §25.1, RFC 5118). */
class SipUriHostPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"atlanta.com", "AtLanTa.CoM", "a", "x1", "a-b.c-d.example", "example.com.",
        "3com.com", "1-800.example.com", "host.3com", "localhost", "a.b.c.d.e.f.g.h"})
    void validHostnames(String host) {
        SipUri u = SipUri.parse("sip:alice@" + host);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.isIpv6Reference()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-a.com        | host name label begins or ends with '-'",
        "a-.com        | host name label begins or ends with '-'",
        "a..com        | empty label in host name",
        ".a.com        | empty label in host name",
        "example.123   | host name top label is all digits",
        "example.com.. | empty label in host name",
        "ex_ample.com  | invalid character after host",
        "exa%6Dple.com | invalid character after host",
        "1.2.3         | invalid IPv4 address",
        "1.2.3.4.5     | invalid IPv4 address",
        "1.2.3.4.      | invalid IPv4 address",
        "256.1.1.1     | IPv4 address octet out of range",
        "1.2.3.0001    | invalid IPv4 address",
        "123           | invalid IPv4 address",
    })
    void invalidHosts(String host, String reason) {
        assertThatThrownBy(() -> Uri.parse("sip:alice@" + host))
                .isInstanceOfSatisfying(ParseError.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isGreaterThanOrEqualTo(10);
                });
    }

    @Test
    void missingHost() {
        assertThatThrownBy(() -> Uri.parse("sip:alice@")).isInstanceOfSatisfying(ParseError.class,
                e -> assertThat(e.reason()).isEqualTo("host expected"));
        assertThatThrownBy(() -> Uri.parse("sip:")).isInstanceOf(ParseError.class);
        assertThatThrownBy(() -> Uri.parse("sip:;lr")).isInstanceOf(ParseError.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.4", "0.0.0.0", "255.255.255.255", "10.0.0.01"})
    void ipv4(String host) {
        assertThat(SipUri.parse("sip:alice@" + host + ":5060").host()).isEqualTo(host);
    }

    /** RFC 5118 §4.1, §4.4, §4.9, §4.10 and other valid RFC 4291 forms. */
    @ParameterizedTest
    @ValueSource(strings = {"[2001:db8::10]", "[2001:db8::9:1]", "[::ffff:192.0.2.10]", "[::ffff:192.0.2.2]",
        "[2001:db8::192.0.2.1]", "[2001:db8:::192.0.2.1]", "[::]", "[::1]", "[1::]", "[1:2:3:4:5:6:7:8]",
        "[1:2:3:4:5:6:7::]", "[::2:3:4:5:6:7:8]", "[1:2:3:4:5:6:192.0.2.1]", "[2001:DB8:0:0:0:0:0:1]",
        "[fe80::1:2]", "[2001:db8::10:5070]"})
    void validIpv6References(String host) {
        SipUri u = SipUri.parse("sip:user@" + host);
        assertThat(u.host()).isEqualTo(host);
        assertThat(u.isIpv6Reference()).isTrue();
        assertThat(u.port()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[:]", "[:1]", "[1:]", "[1:2:3:4:5:6:7]", "[1:2:3:4:5:6:7:8:9]",
        "[1::2::3]", "[12345::1]", "[1:2:3:4:5:6:7:8::]", "[::1:2:3:4:5:6:7:8]", "[2001:db8::g]",
        "[:::1]", "[1:::2]", "[::256.0.0.1]", "[::1.2.3]", "[1:2:3:4:5:6:7:1.2.3.4]", "[2001:db8::1",
        "[192.0.2.1]", "[2001:db8::1]x", "[2001:db8::%31]"})
    void invalidIpv6References(String host) {
        assertThatThrownBy(() -> Uri.parse("sip:user@" + host)).isInstanceOf(ParseError.class);
    }

    /** RFC 5118 §4.2 ipv6-bad: an IPv6 address without brackets is not a host. */
    @Test
    void ipv6WithoutBrackets() {
        assertThatThrownBy(() -> Uri.parse("sip:2001:db8::10")).isInstanceOf(ParseError.class);
    }

    /** RFC 5118 §4.3/§4.4: inside the brackets "10:5070" is part of the address; outside it is the port. */
    @Test
    void ipv6PortAmbiguity() {
        SipUri inside = SipUri.parse("sip:[2001:db8::10:5070]");
        assertThat(inside.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(inside.port()).isEqualTo(-1);

        SipUri outside = SipUri.parse("sip:[2001:db8::10]:5070");
        assertThat(outside.host()).isEqualTo("[2001:db8::10]");
        assertThat(outside.port()).isEqualTo(5070);
        assertThat(outside.hostPort()).isEqualTo("[2001:db8::10]:5070");
        assertThat(inside.equivalent(outside)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"sip:host:0,0", "sip:host:5060,5060", "sip:host:65535,65535", "sip:host:05060,5060",
        "sip:[::1]:5061;transport=tls,5061", "sip:1.2.3.4:1?h=v,1"})
    void ports(String uri, int port) {
        assertThat(SipUri.parse(uri).port()).isEqualTo(port);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:host:65536           | port out of range | 9",
        "sip:host:99999999999999  | port out of range | 9",
        "sip:host:                | port expected     | 9",
        "sip:host:-1              | port expected     | 9",
        "sip:host:50a             | invalid character after host | 11",
        "sip:host:5060:5060       | invalid character after host | 13",
    })
    void invalidPorts(String uri, String reason, int offset) {
        assertThatThrownBy(() -> Uri.parse(uri)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @Test
    void hostPort() {
        assertThat(SipUri.parse("sip:alice@atlanta.com;lr").hostPort()).isEqualTo("atlanta.com");
        assertThat(SipUri.parse("sip:alice@atlanta.com:5080;lr").hostPort()).isEqualTo("atlanta.com:5080");
    }

    @Test
    void bareIpv6AddressIsRejectedWithTheRuleItBreaks() {
        // RFC 5118 §4.2: an IPv6 address in a SIP URI must be an IPv6reference, in brackets
        assertThatThrownBy(() -> SipUri.parse("sip:2001:db8::10")).isInstanceOf(ParseError.class)
                .hasMessageContaining("IPv6 address must be enclosed in '[' and ']'");
        assertThatThrownBy(() -> SipUri.parse("sip:user@2001:db8::10:5060")).isInstanceOf(ParseError.class)
                .hasMessageContaining("enclosed in '['");
        assertThat(SipUri.parse("sip:cafe:5060;x=a:b").port()).isEqualTo(5060);
        assertThat(SipUri.parse("sip:[2001:db8::10]:5060").port()).isEqualTo(5060);
    }
}
