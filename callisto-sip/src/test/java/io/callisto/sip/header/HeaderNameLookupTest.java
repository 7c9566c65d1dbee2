package io.callisto.sip.header;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding a header by name: long and compact forms in any case (RFC 3261 §7.3.1, §7.3.3), from text or bytes. */
class HeaderNameLookupTest {

    private static HeaderName fromBytes(String name) {
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        return HeaderName.lookup(b, 0, b.length);
    }

    @Test
    void longAndCompactNamesInAnyCase() {
        for (String n : new String[] {"To", "TO", "to", "t", "T"}) {
            assertThat(HeaderName.lookup(n)).as(n).isSameAs(HeaderName.TO);
            assertThat(fromBytes(n)).as(n).isSameAs(HeaderName.TO);
        }
        assertThat(HeaderName.lookup("contact")).isSameAs(HeaderName.CONTACT);
        assertThat(HeaderName.lookup("m")).isSameAs(HeaderName.CONTACT);
        assertThat(HeaderName.lookup("Proxy-Authorization").canonical()).isEqualTo("Proxy-Authorization");
    }

    @Test
    void textAndBytesAgreeOnEveryKnownName() {
        for (String n : new String[] {"Via", "v", "Call-ID", "i", "CSeq", "Max-Forwards", "Content-Length", "l",
            "Record-Route", "WWW-Authenticate", "Session-Expires", "x", "Refer-To", "r", "Subscription-State"}) {
            assertThat(HeaderName.lookup(n)).as(n).isNotNull().isSameAs(fromBytes(n));
            assertThat(HeaderName.lookup(n.toUpperCase())).as(n).isSameAs(HeaderName.lookup(n));
        }
    }

    @Test
    void unknownAndNonAsciiNamesAreNotFound() {
        for (String n : new String[] {"X-Custom", "Tö", "é", "\u0100", "Via\u0100", "T\u0100", "", "Tox"}) {
            assertThat(HeaderName.lookup(n)).as(n).isNull();
        }
        assertThat(HeaderName.lookup(new byte[] {(byte) 0xE9}, 0, 1)).isNull(); // once an index out of bounds
    }
}
