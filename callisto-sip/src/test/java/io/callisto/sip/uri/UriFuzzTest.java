package io.callisto.sip.uri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Totality: any bytes give a URI or a ParseError, never another exception. Inputs are random bytes and
 * mutations of valid URIs (seeded, so failures reproduce). Whatever parses must also keep its text,
 * re-parse to an equal URI, and be equivalent to itself.
 */
class UriFuzzTest {
    private static final String[] SEEDS = {
        "sip:alice:pw@atlanta.com:5060;transport=tcp;lr;maddr=1.2.3.4?subject=a%20b&x=y",
        "sips:[2001:db8::10]:5070;ttl=5", "sip:[::ffff:192.0.2.1];user=phone", "sip:+1-212@gw;user=phone",
        "tel:+1-201-555-0123;ext=12;isub=a%20b", "tel:7042;phone-context=example.com;x=y",
        "urn:service:sos", "sip:%61lice;day=tuesday@h", "sip:[2001:db8:::192.0.2.1]",
    };
    private static final byte[] ALPHABET = "sipte:l@[]%;=?&+-._~!*'()/$,0123456789abcdefABCDEF: <>\"#\t\r\n\0\u00ff"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void randomBytesNeverThrowAnythingButParseError() {
        Random random = new Random(20240601L);
        int parsed = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[random.nextInt(48)];
            for (int j = 0; j < b.length; j++) {
                b[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
            }
            if (i % 3 == 0 && b.length > 4) {
                System.arraycopy(new byte[] {'s', 'i', 'p', ':'}, 0, b, 0, 4);
            }
            parsed += tryParse(b) ? 1 : 0;
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void mutatedValidUrisNeverThrowAnythingButParseError() {
        Random random = new Random(7L);
        int parsed = 0;
        for (int i = 0; i < 6000; i++) {
            byte[] b = SEEDS[random.nextInt(SEEDS.length)].getBytes(StandardCharsets.ISO_8859_1);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(b.length);
                switch (random.nextInt(3)) {
                    case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                    case 1 -> b = java.util.Arrays.copyOf(b, at); // truncate
                    default -> b[at] = (byte) random.nextInt(256);
                }
                if (b.length == 0) {
                    break;
                }
            }
            parsed += tryParse(b) ? 1 : 0;
        }
        assertThat(parsed).isGreaterThan(500);
    }

    @Test
    void longInputsParseCompletely() {
        StringBuilder sb = new StringBuilder("sip:");
        sb.append("a".repeat(20000)).append("@h");
        for (int i = 0; i < 5000; i++) {
            sb.append(";p").append(i).append("=v");
        }
        sb.append("?a=b");
        for (int i = 0; i < 5000; i++) {
            sb.append("&h").append(i).append("=%41");
        }
        SipUri u = SipUri.parse(sb.toString());
        assertThat(u.headers().size()).isEqualTo(5001);
        assertThat(u.parameters().size()).isEqualTo(5000);
        assertThat(u.user()).hasSize(20000);
        String colons = "sip:[" + ":".repeat(50000) + "]";
        assertThat(tryParse(colons.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    }

    private static boolean tryParse(byte[] b) {
        Uri u;
        try {
            u = Uri.parse(b, 0, b.length);
        } catch (ParseError e) {
            assertThat(e.offset()).isBetween(0, b.length);
            assertThat(e.reason()).isNotEmpty();
            return false;
        } catch (RuntimeException e) {
            fail("non-ParseError for " + new String(b, StandardCharsets.ISO_8859_1), e);
            return false;
        }
        assertThat(u.toString()).isEqualTo(new String(b, StandardCharsets.ISO_8859_1));
        assertThat(Uri.parse(u.toString())).isEqualTo(u);
        assertThat(u.equivalent(u)).isTrue();
        if (u instanceof SipUri s) {
            s.parameters();
            s.headers();
            s.user();
            s.password();
            s.ttl();
        } else if (u instanceof TelUri t) {
            t.digits();
            t.parameters();
        }
        return true;
    }
}
