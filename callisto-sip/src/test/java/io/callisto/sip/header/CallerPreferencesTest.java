package io.callisto.sip.header;

import static io.callisto.sip.header.HeaderAssertions.canonical;
import static io.callisto.sip.header.HeaderAssertions.one;
import static io.callisto.sip.header.HeaderAssertions.reason;
import static io.callisto.sip.header.HeaderAssertions.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Accept-Contact, Reject-Contact, Request-Disposition (RFC 3841), Info-Package and Recv-Info (RFC 6086). */
class CallerPreferencesTest {
    @Test
    void acceptAndRejectContactRfc3841Examples() {
        FeaturePreference mobile = one(Headers.ACCEPT_CONTACT, "*;mobility=\"mobile\";methods=\"INVITE\"");
        assertThat(mobile.parameters().unquoted("mobility")).isEqualTo("mobile");
        assertThat(mobile.isRequire()).isFalse();
        canonical(Headers.ACCEPT_CONTACT, "*;mobility=\"mobile\";methods=\"INVITE\"");
        FeaturePreference reject = one(Headers.REJECT_CONTACT, "*;actor=\"msg-taker\";video");
        assertThat(reject.parameters().has("video")).isTrue();
        assertThat(one(Headers.ACCEPT_CONTACT, "*;audio;require").isRequire()).isTrue();
        assertThat(one(Headers.ACCEPT_CONTACT, "*;video;explicit").isExplicit()).isTrue();
        canonical(Headers.ACCEPT_CONTACT, "*;methods=\"BYE\";class=\"business\";q=1.0");
        assertThat(one(Headers.ACCEPT_CONTACT, "*;mobility=\"fixed\"")).isEqualTo(
                new FeaturePreference(Parameters.ofPairs("mobility", "\"fixed\"")));
        List<FeaturePreference> two = roundTrip(Headers.ACCEPT_CONTACT,
                "*;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\", *;language=\"en,fr\"");
        assertThat(two).hasSize(2);
        assertThat(reason(Headers.ACCEPT_CONTACT, "sip:a@b;audio")).isEqualTo("'*' expected");
        assertThat(reason(Headers.REJECT_CONTACT, "*;")).isEqualTo("empty parameter");
    }

    @Test
    void requestDisposition() {
        assertThat(Headers.REQUEST_DISPOSITION.parse("proxy, recurse, parallel"))
                .containsExactly("proxy", "recurse", "parallel");
        assertThat(reason(Headers.REQUEST_DISPOSITION, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.REQUEST_DISPOSITION, "proxy;x")).isEqualTo("unexpected characters after value");
    }

    @Test
    void infoPackages() {
        InfoPackage foo = one(Headers.INFO_PACKAGE, "foo");
        assertThat(foo.name()).isEqualTo("foo");
        assertThat(foo).isEqualTo(InfoPackage.of("FOO"));
        canonical(Headers.INFO_PACKAGE, "foo;version=2");
        assertThat(Headers.RECV_INFO.parse("P, R")).extracting(InfoPackage::name).containsExactly("P", "R");
        assertThat(Headers.RECV_INFO.parse("")).isEmpty();
        canonical(Headers.RECV_INFO, "R, T;x=\"y\"");
        assertThat(reason(Headers.INFO_PACKAGE, "")).isEqualTo("empty header value");
        assertThat(reason(Headers.INFO_PACKAGE, "foo, bar")).isEqualTo("more than one value in a single-value header");
        assertThat(reason(Headers.RECV_INFO, "P,,R")).isEqualTo("empty element in comma-separated list");
    }
}
