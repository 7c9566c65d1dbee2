package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.header.Parameters;
import io.callisto.sip.parse.ParseError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** uri-parameters and headers (RFC 3261 §25.1, §19.1.1). */
class SipUriParametersTest {

    @Test
    void wellKnownParameters() {
        SipUri u = SipUri.parse("sip:alice@atlanta.com;maddr=239.255.255.1;ttl=15;transport=UDP;user=phone"
                + ";method=REGISTER;lr");
        assertThat(u.maddr()).isEqualTo("239.255.255.1");
        assertThat(u.ttl()).isEqualTo(15);
        assertThat(u.transport()).isEqualTo("UDP");
        assertThat(u.userParam()).isEqualTo("phone");
        assertThat(u.method()).isEqualTo("REGISTER");
        assertThat(u.lr()).isTrue();
        assertThat(u.parameters().size()).isEqualTo(6);
        assertThat(u.parameters().name(5)).isEqualTo("lr");
        assertThat(u.parameters().value(5)).isNull();
    }

    @Test
    void absentParameters() {
        SipUri u = SipUri.parse("sip:alice@atlanta.com");
        assertThat(u.transport()).isNull();
        assertThat(u.maddr()).isNull();
        assertThat(u.ttl()).isEqualTo(-1);
        assertThat(u.lr()).isFalse();
        assertThat(u.parameters()).isSameAs(Parameters.EMPTY);
        assertThat(u.headers()).isSameAs(Parameters.EMPTY);
    }

    @Test
    void parameterNamesAreCaseInsensitiveAndValuesKeptAsWritten() {
        SipUri u = SipUri.parse("sip:alice@AtLanTa.CoM;Transport=Tcp;LR;x=%41b");
        assertThat(u.transport()).isEqualTo("Tcp");
        assertThat(u.lr()).isTrue();
        assertThat(u.hasParameter("lR")).isTrue();
        assertThat(u.parameter("x")).isEqualTo("Ab");
        assertThat(u.parameters().get("x")).isEqualTo("%41b");
        assertThat(u.parameters().name(0)).isEqualTo("Transport");
    }

    @Test
    void lookupByPlainNameResolvesEveryEscape() {
        SipUri u = SipUri.parse("sip:h;a%2Fb=1;%C3%A9t%C3%A9=summer;x%3By");
        assertThat(u.parameter("a/b")).isEqualTo("1");
        assertThat(u.hasParameter("A/B")).isTrue();
        assertThat(u.parameter("\u00e9t\u00e9")).isEqualTo("summer");
        assertThat(u.hasParameter("x;y")).isTrue();
        assertThat(u.hasParameter("x")).isFalse();
        assertThat(u.withParameter("a/b", "2").toString()).isEqualTo("sip:h;a/b=2;%C3%A9t%C3%A9=summer;x%3By");
        assertThat(u.withoutParameter("x;y").toString()).isEqualTo("sip:h;a%2Fb=1;%C3%A9t%C3%A9=summer");
    }

    @Test
    void duplicateParametersAreAcceptedAndTheFirstCounts() {
        SipUri u = SipUri.parse("sip:h;transport=tcp;transport=udp");
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.parameters().size()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"ttl=abc,-1", "ttl=256,-1", "ttl=0,0", "ttl=255,255", "ttl=1000,-1", "ttl,-1"})
    void ttlValues(String param, int ttl) {
        assertThat(SipUri.parse("sip:h;" + param).ttl()).isEqualTo(ttl);
    }

    @Test
    void paramcharsAllowed() {
        SipUri u = SipUri.parse("sip:h;a[]/:&+$-_.!~*'()=[]/:&+$-_.!~*'()%20;maddr=[2001:db8::1]");
        assertThat(u.parameters().name(0)).isEqualTo("a[]/:&+$-_.!~*'()");
        assertThat(u.parameter("a[]/:&+$-_.!~*'()")).isEqualTo("[]/:&+$-_.!~*'() ");
        assertThat(u.maddr()).isEqualTo("[2001:db8::1]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sip:h;           | URI parameter name expected            | 6",
        "sip:h;;lr        | URI parameter name expected            | 6",
        "sip:h;=v         | URI parameter name expected            | 6",
        "sip:h;a=         | URI parameter value expected           | 8",
        "sip:h;a=b=c      | invalid character in URI parameter or header | 9",
        "sip:h;a=b c      | whitespace in URI                      | 9",
        "sip:h;a=%4g      | invalid escape sequence                | 8",
        "sip:h;a{b        | invalid character in URI parameter or header | 7",
        "sip:h; lr        | whitespace in URI                      | 6",
        "sip:h?a=b& c=d   | whitespace in URI                      | 10",
        "sip:h;a=\"b\"    | URI parameter value expected           | 8",
        "sip:h;a=<b>      | URI parameter value expected           | 8",
    })
    void invalidParameters(String uri, String reason, int offset) {
        assertThatThrownBy(() -> Uri.parse(uri)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offset()).isEqualTo(offset);
        });
    }

    @Test
    void headers() {
        SipUri u = SipUri.parse("sips:alice@atlanta.com?subject=project%20x&priority=urgent");
        assertThat(u.secure()).isTrue();
        assertThat(u.headers().size()).isEqualTo(2);
        assertThat(u.headers().name(0)).isEqualTo("subject");
        assertThat(u.headers().value(0)).isEqualTo("project%20x");
        assertThat(u.headers().get("Priority")).isEqualTo("urgent");
        assertThat(u.parameters().isEmpty()).isTrue();
    }

    @Test
    void headersAfterParameters() {
        SipUri u = SipUri.parse("sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com");
        assertThat(u.method()).isEqualTo("REGISTER");
        assertThat(u.headers().get("to")).isEqualTo("alice%40atlanta.com");
        SipUri v = SipUri.parse("sip:h?a=[]/?:+$-_.!~*'()&b=&c=x?y");
        assertThat(v.headers().value(0)).isEqualTo("[]/?:+$-_.!~*'()");
        assertThat(v.headers().value(1)).isEmpty();
        assertThat(v.headers().value(2)).isEqualTo("x?y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:h?", "sip:h?a", "sip:h?=b", "sip:h?a=b&", "sip:h?a=b&&c=d", "sip:h?a=b;c",
        "sip:h?a=b=c", "sip:h?a=%zz", "sip:h?a=b?lr;x", "sip:h?a=<b>", "sip:h?a=b c"})
    void invalidHeaders(String uri) {
        assertThatThrownBy(() -> Uri.parse(uri)).isInstanceOf(ParseError.class);
    }

    /** RFC 4475 §3.1.2.11 escruri and §3.3.14 regescrt: the parser accepts URI headers; the caller decides. */
    @Test
    void escapedHeadersAreExposed() {
        SipUri u = SipUri.parse("sip:user@example.com?Route=%3Csip:example.com%3E");
        assertThat(u.headers().get("route")).isEqualTo("%3Csip:example.com%3E");
        assertThat(u.withoutHeaders().toString()).isEqualTo("sip:user@example.com");
        SipUri contact = SipUri.parse("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
        assertThat(contact.toString()).isEqualTo("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    }

    /** RFC 3891 §5: a Refer-To target carries Replaces as an escaped URI header; it reads back unescaped. */
    @Test
    void replacesAsAUriHeaderRoundTrips() {
        String replaces = "12345@192.168.118.3;to-tag=12345;from-tag=5FFE-3994";
        SipUri u = SipUri.parse("sip:bob@biloxi.example.com;transport=tcp").withHeader("Replaces", replaces);
        assertThat(u.toString()).isEqualTo("sip:bob@biloxi.example.com;transport=tcp"
                + "?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345%3Bfrom-tag%3D5FFE-3994");
        assertThat(u.header("replaces")).isEqualTo(replaces);
        assertThat(u.withHeader("Priority", "urgent").header("Priority")).isEqualTo("urgent");
        assertThat(u.withHeader("Priority", "urgent").header("Replaces")).isEqualTo(replaces);
        assertThat(u.header("Accept")).isNull();
        assertThat(u.transport()).isEqualTo("tcp");
    }

    /** RFC 4475 §3.1.2.8 lwsruri: LWS inside a URI is an error. */
    @Test
    void lwsruri() {
        assertThatThrownBy(() -> Uri.parse("sip:user@example.com; lr"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.offset()).isEqualTo(21));
    }
}
