package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.uri.Uri;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Warning, Timestamp, Priority, In-Reply-To and the info URIs (RFC 3261 §20.4, §20.9, §20.18, §20.21...). */
class MiscHeadersTest {
    @Test
    void warningRfc3261Examples() {
        Warning w = one(Headers.WARNING, "307 isi.edu \"Session parameter 'foo' not understood\"");
        assertThat(w.code()).isEqualTo(307);
        assertThat(w.agent()).isEqualTo("isi.edu");
        assertThat(w.text()).isEqualTo("Session parameter 'foo' not understood");
        canonical(Headers.WARNING, "307 isi.edu \"Session parameter 'foo' not understood\"");
        canonical(Headers.WARNING, "301 isi.edu \"Incompatible network address type 'E.164'\"");
        List<Warning> two = roundTrip(Headers.WARNING,
                "370 10.1.1.1:5060 \"Insufficient bandwidth\", 399 [2001:db8::1]:5061 \"x \\\"y\\\"\"");
        assertThat(two.get(1).agent()).isEqualTo("[2001:db8::1]:5061");
        assertThat(two.get(1).text()).isEqualTo("x \"y\"");
        assertThat(one(Headers.WARNING, "399 proxy-7 \"Miscellaneous\"").agent()).isEqualTo("proxy-7");
        assertThat(new Warning(Warning.MISCELLANEOUS, "h", "a\\b\u0001").toString()).isEqualTo("399 h \"a\\\\b\\\u0001\"");
        assertThat(one(Headers.WARNING, new Warning(399, "h", "a\\b\u0001").toString()).text()).isEqualTo("a\\b\u0001");
    }

    @Test
    void malformedWarnings() {
        assertThat(reason(Headers.WARNING, "37 isi.edu \"x\"")).isEqualTo("3-digit warn-code expected");
        assertThat(reason(Headers.WARNING, "3070 isi.edu \"x\"")).isEqualTo("warn-code longer than 3 digits");
        assertThat(reason(Headers.WARNING, "099 isi.edu \"x\"")).isEqualTo("warn-code out of range (100-999)");
        assertThat(reason(Headers.WARNING, "307isi.edu \"x\"")).isEqualTo("space expected after warn-code");
        assertThat(reason(Headers.WARNING, "307 \"x\"")).isEqualTo("warn-agent expected");
        assertThat(reason(Headers.WARNING, "307 isi.edu")).isEqualTo("space expected after warn-agent");
        assertThat(reason(Headers.WARNING, "307 isi.edu x")).isEqualTo("quoted warn-text expected");
        assertThat(reason(Headers.WARNING, "307 isi.edu \"x")).isEqualTo("unterminated quoted string");
        assertThat(reason(Headers.WARNING, "307 isi.edu:99999 \"x\"")).isEqualTo("port out of range");
        assertThat(reason(Headers.WARNING, "307 [::1 \"x\"")).isEqualTo("unterminated IPv6 reference");
        assertThatThrownBy(() -> new Warning(99, "h", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Warning(399, "a b", "t")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Warning(399, "h", "a\r\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timestamp() {
        Timestamp t = one(Headers.TIMESTAMP, "54");
        assertThat(t.time()).isEqualTo("54");
        assertThat(t.delay()).isNull();
        canonical(Headers.TIMESTAMP, "54");
        Timestamp d = one(Headers.TIMESTAMP, "1033.2 \t 0.25");
        assertThat(d.time()).isEqualTo("1033.2");
        assertThat(d.delay()).isEqualTo("0.25");
        assertThat(d.toString()).isEqualTo("1033.2 0.25");
        canonical(Headers.TIMESTAMP, "7. .5");
        assertThat(t.withDelay("3").toString()).isEqualTo("54 3");
        assertThat(reason(Headers.TIMESTAMP, ".5")).isEqualTo("timestamp expected");
        assertThat(reason(Headers.TIMESTAMP, "54 x")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.TIMESTAMP, "5.4.3")).isEqualTo("unexpected characters after value");
        assertThat(reason(Headers.TIMESTAMP, "1".repeat(41))).isEqualTo("timestamp too long");
        assertThatThrownBy(() -> new Timestamp("1", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Timestamp("x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void priorityInReplyToEtag() {
        assertThat(Headers.PRIORITY.parse("emergency")).containsExactly("emergency");
        assertThat(Headers.PRIORITY.parse("non-urgent")).containsExactly("non-urgent");
        assertThat(reason(Headers.PRIORITY, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.PRIORITY, "very urgent")).isEqualTo("unexpected characters after value");
        assertThat(Headers.IN_REPLY_TO.parse("70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com"))
                .containsExactly("70710@saturn.bell-tel.com", "17320@saturn.bell-tel.com");
        assertThat(reason(Headers.IN_REPLY_TO, "a@")).isEqualTo("word expected after '@' in Call-ID");
        assertThat(Headers.SIP_ETAG.parse("dx200xyz")).containsExactly("dx200xyz");
        assertThat(Headers.SIP_IF_MATCH.parse("kwj449x")).containsExactly("kwj449x");
        assertThat(reason(Headers.SIP_IF_MATCH, "\"kwj449x\"")).isEqualTo("token expected");
        assertThat(Headers.IDENTITY.parse("sv5CTo05KqpSmtHt3dcEi0ZDr8Tk;info=<https://h.example/c.cer>;alg=ES256"))
                .hasSize(1);
    }

    @Test
    void infoUris() {
        List<InfoUri> call = Headers.CALL_INFO.parse("<http://wwww.example.com/alice/photo.jpg> ;purpose=icon,\r\n"
                + "  <http://www.example.com/alice/> ;purpose=info");
        assertThat(call).extracting(InfoUri::purpose).containsExactly("icon", "info");
        assertThat(call.get(0).uriText()).isEqualTo("http://wwww.example.com/alice/photo.jpg");
        assertThat(call.get(0).toString()).isEqualTo("<http://wwww.example.com/alice/photo.jpg>;purpose=icon");
        roundTrip(Headers.CALL_INFO, "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon, "
                + "<http://www.example.com/alice/> ;purpose=info");
        canonical(Headers.ALERT_INFO, "<http://www.example.com/sounds/moo.wav>");
        InfoUri err = one(Headers.ERROR_INFO, "<sip:not-in-service-recording@atlanta.com>");
        assertThat(err.uri().scheme()).isEqualTo("sip");
        assertThat(InfoUri.of(Uri.parse("urn:alert:tone:busy"), null).withParameter("x", "1").toString())
                .isEqualTo("<urn:alert:tone:busy>;x=1");
        assertThat(one(Headers.ALERT_INFO, "<http://a/b,c>").uriText()).isEqualTo("http://a/b,c");
    }

    @Test
    void malformedInfoUris() {
        assertThat(reason(Headers.ALERT_INFO, "http://www.example.com/sounds/moo.wav"))
                .isEqualTo("'<' expected before URI");
        assertThat(reason(Headers.ALERT_INFO, "<>")).isEqualTo("empty URI in angle brackets");
        assertThat(reason(Headers.ALERT_INFO, "<www.example.com>")).isEqualTo("':' expected after URI scheme");
        assertThat(reason(Headers.ALERT_INFO, "<1http://x>")).isEqualTo("URI scheme expected");
        assertThat(reason(Headers.ALERT_INFO, "<http://x")).isEqualTo("'>' expected to close the URI");
        assertThat(reason(Headers.ALERT_INFO, "<http://x y>")).isEqualTo("invalid character in URI");
        assertThat(one(Headers.CALL_INFO, "<http://x>;purpose").purpose()).isNull();
    }
}
