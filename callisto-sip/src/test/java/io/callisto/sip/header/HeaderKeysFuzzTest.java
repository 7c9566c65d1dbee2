package io.callisto.sip.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.sip.parse.ParseError;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every known header has a typed key, and every key is total: random bytes and mutations of valid values give
 * values or a {@link ParseError}, never another exception. What parses must format and re-parse to equal values.
 * Seeded, so failures reproduce.
 */
class HeaderKeysFuzzTest {
    private static final Map<HeaderName, String> SEEDS = new EnumMap<>(HeaderName.class);

    static {
        seed(HeaderName.ACCEPT, "application/sdp;level=1, */*;q=0.5, text/*");
        seed(HeaderName.ACCEPT_CONTACT, "*;audio;methods=\"INVITE,BYE\";require, *;video");
        seed(HeaderName.ACCEPT_ENCODING, "gzip;q=1.0, identity; q=0.5, *;q=0");
        seed(HeaderName.ACCEPT_LANGUAGE, "da, en-gb;q=0.8, en;q=0.7, *;q=0.001");
        seed(HeaderName.ALERT_INFO, "<http://www.example.com/sounds/moo.wav>;x=\"y\"");
        seed(HeaderName.ALLOW, "INVITE, ACK, OPTIONS, CANCEL, BYE");
        seed(HeaderName.ALLOW_EVENTS, "presence, presence.winfo, dialog");
        seed(HeaderName.AUTHENTICATION_INFO, "nextnonce=\"47364c\", qop=auth, rspauth=\"ab\", cnonce=\"x\", nc=00000001");
        seed(HeaderName.AUTHORIZATION, "Digest username=\"bob\", realm=\"biloxi.com\", nonce=\"dcd98b\", "
                + "uri=\"sip:bob@biloxi.com\", qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fa\"");
        seed(HeaderName.CALL_ID, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com");
        seed(HeaderName.CALL_INFO, "<http://wwww.example.com/alice/photo.jpg> ;purpose=icon, <http://a/> ;purpose=info");
        seed(HeaderName.CONTACT, "\"Mr. Watson\" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600");
        seed(HeaderName.CONTENT_DISPOSITION, "session;handling=optional");
        seed(HeaderName.CONTENT_ENCODING, "gzip, tar");
        seed(HeaderName.CONTENT_LANGUAGE, "en-US, fr");
        seed(HeaderName.CONTENT_LENGTH, "349");
        seed(HeaderName.CONTENT_TYPE, "multipart/mixed;boundary=\"a b\"");
        seed(HeaderName.CSEQ, "4711 INVITE");
        seed(HeaderName.DATE, "Sat, 13 Nov 2010 23:29:00 GMT");
        seed(HeaderName.ERROR_INFO, "<sip:not-in-service-recording@atlanta.com>");
        seed(HeaderName.EVENT, "presence.winfo;id=7;x=\"y\"");
        seed(HeaderName.EXPIRES, "5");
        seed(HeaderName.FROM, "\"A. G. Bell\" <sip:agb@bell-telephone.com> ;tag=a48s");
        seed(HeaderName.IDENTITY, "sv5CTo05KqpSmtHt3dcEi0ZDr8Tk;info=<https://biloxi.example.org/biloxi.cer>");
        seed(HeaderName.IN_REPLY_TO, "70710@saturn.bell-tel.com, 17320@saturn.bell-tel.com");
        seed(HeaderName.INFO_PACKAGE, "foo;x=1");
        seed(HeaderName.MAX_FORWARDS, "70");
        seed(HeaderName.MIME_VERSION, "1.0");
        seed(HeaderName.MIN_EXPIRES, "60");
        seed(HeaderName.MIN_SE, "3600;x=y");
        seed(HeaderName.ORGANIZATION, "Boxes by Bob");
        seed(HeaderName.P_ASSERTED_IDENTITY, "\"Cullen Jennings\" <sip:fluffy@cisco.com>, <tel:+14085264000>");
        seed(HeaderName.P_PREFERRED_IDENTITY, "<sip:user@example.com>");
        seed(HeaderName.PATH, "<sip:P3.EXAMPLEHOME.COM;lr>,<sip:P1.EXAMPLEVISITED.COM;lr>");
        seed(HeaderName.PRIORITY, "non-urgent");
        seed(HeaderName.PRIVACY, "header;session;id");
        seed(HeaderName.PROXY_AUTHENTICATE, "Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com\", "
                + "qop=\"auth,auth-int\", nonce=\"f84f1c\", opaque=\"\", stale=FALSE, algorithm=SHA-256");
        seed(HeaderName.PROXY_AUTHORIZATION, "NoOneKnowsThisScheme opaque-data=here");
        seed(HeaderName.PROXY_REQUIRE, "foo");
        seed(HeaderName.RACK, "776656 1 INVITE");
        seed(HeaderName.REASON, "SIP ;cause=200 ;text=\"Call completed elsewhere\", Q.850;cause=16");
        seed(HeaderName.RECORD_ROUTE, "<sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>");
        seed(HeaderName.RECV_INFO, "P, R;x=1");
        seed(HeaderName.REFER_SUB, "false;x=1");
        seed(HeaderName.REFER_TO, "<sip:bob@biloxi.example.net?Replaces=12345%40192.168.118.3%3Bto-tag%3D12345>");
        seed(HeaderName.REFERRED_BY, "<sip:alice@atlanta.example.com>");
        seed(HeaderName.REJECT_CONTACT, "*;actor=\"msg-taker\";video");
        seed(HeaderName.REPLACES, "12adf2f34456gs5;to-tag=12345;from-tag=54321;early-only");
        seed(HeaderName.REPLY_TO, "Bob <sip:bob@biloxi.com>");
        seed(HeaderName.REQUEST_DISPOSITION, "proxy, recurse, parallel");
        seed(HeaderName.REQUIRE, "100rel, timer");
        seed(HeaderName.RETRY_AFTER, "120 (I'm in (a) meeting);duration=3600");
        seed(HeaderName.ROUTE, "<sip:bigbox3.site3.atlanta.com;lr>");
        seed(HeaderName.RSEQ, "988789");
        seed(HeaderName.SERVER, "HomeServer v2");
        seed(HeaderName.SERVICE_ROUTE, "<sip:P2.HOME.EXAMPLE.COM;lr>");
        seed(HeaderName.SESSION_EXPIRES, "4000;refresher=uac");
        seed(HeaderName.SIP_ETAG, "dx200xyz");
        seed(HeaderName.SIP_IF_MATCH, "kwj449x");
        seed(HeaderName.SUBJECT, "Need more boxes");
        seed(HeaderName.SUBSCRIPTION_STATE, "terminated;reason=probation;retry-after=30;expires=0");
        seed(HeaderName.SUPPORTED, "100rel, replaces");
        seed(HeaderName.TIMESTAMP, "54.25 0.5");
        seed(HeaderName.TO, "The Operator <sip:operator@cs.columbia.edu>;tag=287447");
        seed(HeaderName.UNSUPPORTED, "foo");
        seed(HeaderName.USER_AGENT, "Softphone Beta1.5");
        seed(HeaderName.VIA, "SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;received=192.0.2.1;rport");
        seed(HeaderName.WARNING, "307 isi.edu \"Session parameter 'foo' not understood\", 399 [::1]:5 \"x\"");
        seed(HeaderName.WWW_AUTHENTICATE, "Digest realm=\"api@example.org\", qop=\"auth\", algorithm=SHA-512-256, "
                + "nonce=\"5TsQWLVd\", opaque=\"HRPCssKJ\", charset=UTF-8, userhash=true");
    }

    private static final byte[] ALPHABET = "abzAZ09*/;=,\"\\()<>@:.-_+%!~'`[] \t\r\n?&${}#\0\u007f\u00c3\u00a9"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static void seed(HeaderName name, String value) {
        SEEDS.put(name, value);
    }

    /** Every public HeaderKey constant of {@link Headers}. */
    static List<HeaderKey<?>> allKeys() {
        List<HeaderKey<?>> keys = new ArrayList<>();
        for (Field f : Headers.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == HeaderKey.class) {
                try {
                    keys.add((HeaderKey<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return keys;
    }

    @Test
    void everyHeaderNameHasAKeyAndAValidSeed() {
        Map<HeaderName, HeaderKey<?>> byName = new EnumMap<>(HeaderName.class);
        for (HeaderKey<?> k : allKeys()) {
            assertThat(byName.put(k.name(), k)).as("second key for %s", k.name()).isNull();
        }
        assertThat(byName.keySet()).containsExactlyInAnyOrder(HeaderName.values());
        assertThat(SEEDS.keySet()).containsExactlyInAnyOrder(HeaderName.values());
        for (HeaderKey<?> k : allKeys()) {
            assertThat(roundTrips(k, SEEDS.get(k.name()).getBytes(StandardCharsets.UTF_8))).as("seed of %s", k)
                    .isTrue();
        }
    }

    @Test
    void randomBytesGiveValuesOrParseError() {
        Random random = new Random(20250101L);
        for (HeaderKey<?> key : allKeys()) {
            for (int i = 0; i < 400; i++) {
                byte[] b = new byte[random.nextInt(40)];
                for (int j = 0; j < b.length; j++) {
                    b[j] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
                }
                roundTrips(key, b);
                try {
                    key.parse(new String(b, StandardCharsets.ISO_8859_1));
                } catch (ParseError expected) {
                    // fine
                } catch (RuntimeException e) {
                    fail("%s.parse(String) threw %s for %s", key, e, Arrays.toString(b));
                }
            }
        }
    }

    @Test
    void mutatedSeedsGiveValuesOrParseError() {
        Random random = new Random(42L);
        int parsed = 0;
        for (HeaderKey<?> key : allKeys()) {
            byte[] seed = SEEDS.get(key.name()).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 600; i++) {
                byte[] b = seed.clone();
                for (int e = 1 + random.nextInt(3); e > 0 && b.length > 0; e--) {
                    int at = random.nextInt(b.length);
                    switch (random.nextInt(4)) {
                        case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                        case 1 -> b = Arrays.copyOf(b, at);
                        case 2 -> b[at] = (byte) random.nextInt(256);
                        default -> b = splice(b, at, ALPHABET[random.nextInt(ALPHABET.length)]);
                    }
                }
                parsed += roundTrips(key, b) ? 1 : 0;
            }
        }
        assertThat(parsed).isPositive();
    }

    private static byte[] splice(byte[] b, int at, byte x) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = x;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    /** Parses raw bytes; if they parse, formats and re-parses. Returns whether the bytes parsed. */
    private static <T> boolean roundTrips(HeaderKey<T> key, byte[] b) {
        int from = 0;
        int to = b.length;
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        List<T> values;
        try {
            values = key.parseLine(b, from, to);
            if (key.name().arity() == HeaderName.Arity.LIST && !values.isEmpty()) {
                key.restAfterFirst(b, from, to);
            }
        } catch (ParseError expected) {
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(key + " threw " + e + " for " + Arrays.toString(b), e);
        }
        String written = String.join(", ", values.stream().map(key::format).toList());
        try {
            assertThat(key.parse(written)).as("%s re-parse of %s", key, written).isEqualTo(values);
        } catch (ParseError e) {
            fail("%s: formatted value %s does not parse: %s (input %s)", key, written, e.getMessage(),
                    new String(b, StandardCharsets.ISO_8859_1));
        }
        return true;
    }
}
