package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §19.1.4 URI comparison, with every example of the RFC. */
class SipUriEquivalenceTest {

    private static void check(String a, String b, boolean expected) {
        Uri x = Uri.parse(a);
        Uri y = Uri.parse(b);
        assertThat(x.equivalent(y)).as("%s ~ %s", a, b).isEqualTo(expected);
        assertThat(y.equivalent(x)).as("%s ~ %s", b, a).isEqualTo(expected);
        assertThat(x.equivalent(x)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // "The URIs within each of the following sets are equivalent"
        "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp | true",
        "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5 | true",
        "sip:carol@chicago.com | sip:carol@chicago.com;security=on | true",
        "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on | true",
        "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com"
                + " | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com | true",
        "sip:alice@atlanta.com?subject=project%20x&priority=urgent"
                + " | sip:alice@atlanta.com?priority=urgent&subject=project%20x | true",
        // "The URIs within each of the following sets are not equivalent"
        "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP | false",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:5060 | false",
        "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp | false",
        "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp | false",
        "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting | false",
        "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4 | false",
        // "Note that equality is not transitive"
        "sip:carol@chicago.com | sip:carol@chicago.com;security=off | true",
        "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off | false",
    })
    void rfc3261Examples(String a, String b, boolean equivalent) {
        check(a, b, equivalent);
    }

    @ParameterizedTest(name = "[{index}] {0} ~ {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "sip:alice@atlanta.com | sips:alice@atlanta.com | false",
        "sip:alice@atlanta.com | sip:atlanta.com | false",
        "sip:alice:pw@atlanta.com | sip:alice@atlanta.com | false",
        "sip:alice:pw@atlanta.com | sip:alice:PW@atlanta.com | false",
        "sip:alice:p%77@atlanta.com | sip:alice:pw@atlanta.com | true",
        "sip:alice:@atlanta.com | sip:alice@atlanta.com | false",
        "sip:alice;day=x@h | sip:alice%3Bday=x@h | false",
        "sip:alice%2Dx@h | sip:alice-x@h | true",
        "sip:%61lice@h | sip:%61LICE@h | false",
        "sip:a%3a@h | sip:a%3A@h | true",
        "sip:h;user=phone | sip:h | false",
        "sip:h;ttl=1 | sip:h | false",
        "sip:h;method=INVITE | sip:h | false",
        "sip:h;maddr=1.2.3.4 | sip:h | false",
        "sip:h;maddr=ExAmple.com | sip:h;maddr=example.com | true",
        "sip:h;%6C%72 | sip:h;lr | true",
        "sip:h;lr | sip:h | true",
        "sip:h;lr | sip:h;lr=on | false",
        "sip:h;x=%41 | sip:h;x=a | true",
        "sip:h;x=a%3Ab | sip:h;x=a:b | false",
        "sip:a%3Bb@h | sip:a;b@h | false",
        "sip:h:5060 | sip:h:5060 | true",
        "sip:h:05060 | sip:h:5060 | true",
        "sip:[2001:db8::1] | sip:[2001:DB8:0:0::1] | true",
        "sip:[2001:db8::1] | sip:[2001:db8::2] | false",
        "sip:[::ffff:192.0.2.1] | sip:192.0.2.1 | false",
        "sip:[2001:db8:::192.0.2.1] | sip:[2001:db8::c000:201] | true",
        "sip:192.0.2.01 | sip:192.0.2.1 | true",
        "sip:h?a=b&a=c | sip:h?a=c&a=b | true",
        "sip:h?a=b&a=b | sip:h?a=b&c=d | false",
        "sip:h?Subject=x | sip:h?subject=x | true",
        "sip:h?subject=x | sip:h?subject=X | false",
        "sip:h?subject=%78 | sip:h?subject=x | true",
        "sip:h?a=b | sip:h?a=b&c=d | false",
    })
    void moreComparisons(String a, String b, boolean equivalent) {
        check(a, b, equivalent);
    }

    @Test
    void differentSchemesAreNeverEquivalent() {
        assertThat(Uri.parse("sip:1234@h").equivalent(Uri.parse("tel:1234;phone-context=h"))).isFalse();
        assertThat(Uri.parse("sip:h").equivalent(null)).isFalse();
        assertThat(Uri.parse("sip:h").equivalent(Uri.parse("http:h"))).isFalse();
    }

    @Test
    void equalsComparesText() {
        assertThat(Uri.parse("sip:h")).isEqualTo(Uri.parse("sip:h")).hasSameHashCodeAs(Uri.parse("sip:h"));
        assertThat(Uri.parse("sip:h;lr")).isNotEqualTo(Uri.parse("sip:h"));
        assertThat(Uri.parse("sip:h;lr").equivalent(Uri.parse("sip:h"))).isTrue();
    }
}
