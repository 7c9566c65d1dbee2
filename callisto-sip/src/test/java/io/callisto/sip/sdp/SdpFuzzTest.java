package io.callisto.sip.sdp;

import static io.callisto.sip.sdp.SdpCorpus.bytes;
import static io.callisto.sip.sdp.SdpCorpus.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.callisto.sip.parse.ParseError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid SDP: the parser returns a value or throws a ParseError, never anything else;
 * whatever it accepts round-trips byte for byte, and every accessor, validation and modification of an accepted
 * value behaves (no exception but ParseError from validate).
 */
class SdpFuzzTest {
    private static final byte[] INTERESTING = bytes("\r\n\0 \t=:/;|^-.0123456789aAmMvtcorzk\u00ff");

    /** Extra seeds that exercise every line type and typed attribute. */
    private static final String RICH = crlf("""
            v=0
            o=- 3724394400 3724394405 IN IP4 198.51.100.1
            s=Rich
            i=info
            u=http://example.com/
            e=j.doe@example.com (Jane Doe)
            p=+1 617 555-6011
            c=IN IP4 233.252.0.1/127/3
            b=CT:128
            t=3724394400 3730536000
            r=7d 1h 0 25h
            z=3730928400 -1h 3749680800 0
            k=prompt
            a=sendonly
            m=audio 49170/2 RTP/SAVP 0 96 101
            i=voice
            c=IN IP6 ff00::db8:0:101/2
            b=AS:64
            a=rtpmap:96 opus/48000/2
            a=fmtp:96 minptime=10;useinbandfec=1
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:20
            a=maxptime:40
            a=rtcp:53020 IN IP4 126.16.64.4
            a=rtcp-mux
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 KDR=1
            a=inactive
            """);

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : SdpCorpus.VALID) {
            seeds.add(bytes(s));
            seeds.add(bytes(crlf(s)));
        }
        seeds.add(bytes(RICH));
        seeds.add(bytes(SdpModificationTest.ODD));
        return seeds;
    }

    @Test
    void mutationsYieldAValueOrAParseError() {
        Random rnd = new Random(Long.getLong("sdp.fuzz.seed", 0x5d9_2024L));
        List<byte[]> seeds = seeds();
        int accepted = 0;
        int iterations = Integer.getInteger("sdp.fuzz.iterations", 6000);
        for (int i = 0; i < iterations; i++) {
            byte[] in = seeds.get(rnd.nextInt(seeds.size()));
            int mutations = 1 + rnd.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                in = mutate(in, rnd);
            }
            if (check(in)) {
                accepted++;
            }
        }
        // the mutations are not all fatal: a good share still parses
        assertThat(accepted).isGreaterThan(300);
    }

    @Test
    void randomBytesYieldAValueOrAParseError() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] in = new byte[rnd.nextInt(200)];
            for (int j = 0; j < in.length; j++) {
                in[j] = INTERESTING[rnd.nextInt(INTERESTING.length)];
            }
            if (rnd.nextBoolean() && in.length > 4) {
                System.arraycopy(bytes("v=0\n"), 0, in, 0, 4);
            }
            check(in);
        }
    }

    /** Returns true when the input was accepted. */
    static boolean check(byte[] in) {
        SessionDescription sd;
        try {
            sd = SessionDescription.parse(in);
        } catch (ParseError e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.offset()).isBetween(0, in.length);
            return false;
        } catch (RuntimeException e) {
            fail("parse threw " + e + " for input:\n" + new String(in, java.nio.charset.StandardCharsets.ISO_8859_1),
                    e);
            return false;
        }
        try {
            assertThat(sd.toBytes()).isEqualTo(in);
            exercise(sd);
            try {
                sd.validate();
            } catch (ParseError e) {
                assertThat(e.offset()).isBetween(0, in.length);
            }
            SessionDescription changed = sd.withNextVersion().withDirection(Direction.RECVONLY)
                    .withAttribute(Attribute.of("x-fuzz", "1"));
            if (!sd.media().isEmpty()) {
                changed = changed.withMedia(0, sd.media(0).withPort(9).withDirection(Direction.INACTIVE));
            }
            SessionDescription reparsed = SessionDescription.parse(changed.toBytes());
            assertThat(reparsed).isEqualTo(changed);
            assertThat(reparsed.toBytes()).isEqualTo(changed.toBytes());
        } catch (RuntimeException e) {
            fail("accepted input misbehaved: " + e + " for input:\n"
                    + new String(in, java.nio.charset.StandardCharsets.ISO_8859_1), e);
        }
        return true;
    }

    static void exercise(SessionDescription sd) {
        sd.version();
        sd.origin().nextVersion();
        sd.sessionName();
        sd.information();
        sd.uri();
        sd.emails();
        sd.phones();
        sd.connection().ifPresent(Connection::connectionAddress);
        sd.bandwidths();
        assertThat(sd.timings()).isNotEmpty();
        sd.key();
        sd.attributes();
        sd.direction();
        sd.hashCode();
        for (MediaDescription m : sd.media()) {
            m.media();
            m.port();
            m.portCount();
            m.proto();
            assertThat(m.formats()).isNotEmpty();
            m.information();
            m.effectiveConnections();
            m.bandwidths();
            m.key();
            m.attributes();
            m.rtpmaps();
            m.fmtps().forEach(Fmtp::parameterMap);
            m.ptime();
            m.maxptime();
            m.effectiveDirection();
            m.rtcp();
            m.rtcpMux();
            for (Crypto c : m.cryptos()) {
                for (CryptoKey k : c.keys()) {
                    k.keySaltBytes();
                    k.lifetimePackets();
                    k.mkiValue();
                    k.mkiLength();
                }
            }
            m.toString();
        }
    }

    static byte[] mutate(byte[] in, Random rnd) {
        int n = in.length;
        int p = n == 0 ? 0 : rnd.nextInt(n);
        switch (rnd.nextInt(9)) {
            case 0: // replace a byte with an interesting one
                if (n > 0) {
                    in = in.clone();
                    in[p] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                }
                return in;
            case 1: // random byte
                if (n > 0) {
                    in = in.clone();
                    in[p] = (byte) rnd.nextInt(256);
                }
                return in;
            case 2: { // delete a range
                int len = Math.min(n - p, 1 + rnd.nextInt(8));
                byte[] out = new byte[n - len];
                System.arraycopy(in, 0, out, 0, p);
                System.arraycopy(in, p + len, out, p, n - p - len);
                return out;
            }
            case 3: { // insert interesting bytes
                int len = 1 + rnd.nextInt(4);
                byte[] out = new byte[n + len];
                System.arraycopy(in, 0, out, 0, p);
                for (int i = 0; i < len; i++) {
                    out[p + i] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                }
                System.arraycopy(in, p, out, p + len, n - p);
                return out;
            }
            case 4: // truncate
                return Arrays.copyOf(in, p);
            default:
                return mutateLines(in, rnd);
        }
    }

    /** Duplicates, deletes or swaps whole lines (keeping their line ends). */
    private static byte[] mutateLines(byte[] in, Random rnd) {
        List<byte[]> lines = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n') {
                lines.add(Arrays.copyOfRange(in, s, i + 1));
                s = i + 1;
            }
        }
        if (s < in.length) {
            lines.add(Arrays.copyOfRange(in, s, in.length));
        }
        if (lines.size() < 2) {
            return in;
        }
        int a = rnd.nextInt(lines.size());
        int b = rnd.nextInt(lines.size());
        switch (rnd.nextInt(3)) {
            case 0 -> lines.add(b, lines.get(a));
            case 1 -> lines.remove(a);
            default -> {
                byte[] t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
        }
        int total = 0;
        for (byte[] l : lines) {
            total += l.length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] l : lines) {
            System.arraycopy(l, 0, out, p, l.length);
            p += l.length;
        }
        return out;
    }
}
