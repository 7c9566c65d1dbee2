package io.callisto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round trip of generated session descriptions: what the builders write parses back to an equal value with equal
 * typed fields, in CRLF and in bare-LF form, and survives validation.
 */
class SdpRoundTripPropertyTest {
    private static final String[] WORDS = {"-", "Call", "Séance", "会議", "a b", "x=y", "  spaced  ", "tab\there"};

    @Test
    void generatedDescriptionsRoundTrip() {
        Random rnd = new Random(8866);
        for (int i = 0; i < 500; i++) {
            SessionDescription sd = generate(rnd);
            byte[] bytes = sd.toBytes();
            SessionDescription parsed = SessionDescription.parseStrict(bytes, 0, bytes.length);
            assertThat(parsed).isEqualTo(sd);
            assertThat(parsed.toBytes()).isEqualTo(bytes);
            assertSameTypedContent(parsed, sd);

            String lf = sd.toString().replace("\r\n", "\n");
            SessionDescription parsedLf = SessionDescription.parseStrict(lf);
            assertThat(parsedLf.toString()).isEqualTo(lf);
            assertSameTypedContent(parsedLf, sd);
        }
    }

    private static void assertSameTypedContent(SessionDescription a, SessionDescription b) {
        assertThat(a.origin()).isEqualTo(b.origin());
        assertThat(a.sessionName()).isEqualTo(b.sessionName());
        assertThat(a.information()).isEqualTo(b.information());
        assertThat(a.emails()).isEqualTo(b.emails());
        assertThat(a.connection()).isEqualTo(b.connection());
        assertThat(a.bandwidths()).isEqualTo(b.bandwidths());
        assertThat(a.timings()).isEqualTo(b.timings());
        assertThat(a.attributes()).isEqualTo(b.attributes());
        assertThat(a.media()).hasSameSizeAs(b.media());
        for (int i = 0; i < a.media().size(); i++) {
            MediaDescription x = a.media(i);
            MediaDescription y = b.media(i);
            assertThat(x.media()).isEqualTo(y.media());
            assertThat(x.port()).isEqualTo(y.port());
            assertThat(x.portCount()).isEqualTo(y.portCount());
            assertThat(x.proto()).isEqualTo(y.proto());
            assertThat(x.formats()).isEqualTo(y.formats());
            assertThat(x.connections()).isEqualTo(y.connections());
            assertThat(x.rtpmaps()).isEqualTo(y.rtpmaps());
            assertThat(x.fmtps()).isEqualTo(y.fmtps());
            assertThat(x.cryptos()).isEqualTo(y.cryptos());
            assertThat(x.rtcp()).isEqualTo(y.rtcp());
            assertThat(x.effectiveDirection()).isEqualTo(y.effectiveDirection());
            assertThat(x.attributes()).isEqualTo(y.attributes());
        }
    }

    static SessionDescription generate(Random rnd) {
        boolean ip6 = rnd.nextBoolean();
        String host = ip6 ? "2001:db8::" + Integer.toHexString(rnd.nextInt(0xffff)) : "192.0.2." + rnd.nextInt(256);
        SessionDescriptionBuilder b = SessionDescription.builder()
                .origin(Origin.of(rnd.nextBoolean() ? "-" : "user" + rnd.nextInt(100), rnd.nextLong() >>> 1,
                        rnd.nextInt(Integer.MAX_VALUE), host))
                .sessionName(WORDS[rnd.nextInt(WORDS.length)]);
        if (rnd.nextInt(4) == 0) {
            b.information(WORDS[rnd.nextInt(WORDS.length)]);
        }
        if (rnd.nextInt(4) == 0) {
            b.email("user@example.com (" + WORDS[rnd.nextInt(WORDS.length)] + ")");
        }
        boolean sessionConnection = rnd.nextBoolean();
        if (sessionConnection) {
            b.connection(rnd.nextInt(4) == 0
                    ? new Connection("IN", "IP4", "233.252.0.1", rnd.nextInt(256), 1 + rnd.nextInt(3))
                    : Connection.of(host));
        }
        if (rnd.nextBoolean()) {
            b.bandwidth(new Bandwidth(rnd.nextBoolean() ? "AS" : "CT", rnd.nextInt(10_000)));
        }
        int timings = rnd.nextInt(3);
        for (int i = 0; i < timings; i++) {
            long start = 3_724_394_400L + rnd.nextInt(1_000_000);
            List<Timing.Repeat> repeats = new ArrayList<>();
            List<Timing.ZoneAdjustment> zones = new ArrayList<>();
            if (rnd.nextBoolean()) {
                repeats.add(new Timing.Repeat(1 + rnd.nextInt(604_800), rnd.nextInt(7200),
                        List.of(0L, (long) rnd.nextInt(90_000))));
                if (rnd.nextBoolean()) {
                    zones.add(new Timing.ZoneAdjustment(start + 1000, rnd.nextBoolean() ? -3600 : 3600));
                }
            }
            b.timing(new Timing(start, start + rnd.nextInt(100_000), repeats, zones));
        }
        if (rnd.nextBoolean()) {
            b.direction(Direction.values()[rnd.nextInt(4)]);
        }
        int media = rnd.nextInt(4);
        for (int i = 0; i < media; i++) {
            b.media(media(rnd, sessionConnection, host));
        }
        return b.build();
    }

    private static MediaDescription media(Random rnd, boolean sessionConnection, String host) {
        boolean secure = rnd.nextBoolean();
        MediaDescriptionBuilder m = MediaDescription.builder(rnd.nextBoolean() ? "audio" : "video",
                rnd.nextInt(65_536), secure ? "RTP/SAVP" : "RTP/AVP");
        if (!sessionConnection || rnd.nextInt(3) == 0) {
            m.connection(Connection.of(host));
        }
        if (rnd.nextBoolean()) {
            m.rtpmap(Rtpmap.PCMU);
        }
        if (rnd.nextBoolean()) {
            m.rtpmap(Rtpmap.PCMA);
        }
        int dynamic = 96 + rnd.nextInt(20);
        m.rtpmap(new Rtpmap(dynamic, "opus", 48000, rnd.nextBoolean() ? 2 : 0));
        if (rnd.nextBoolean()) {
            m.fmtp(new Fmtp(Integer.toString(dynamic), "minptime=10;useinbandfec=" + rnd.nextInt(2)));
        }
        if (rnd.nextBoolean()) {
            m.ptime(10 * (1 + rnd.nextInt(6)));
        }
        if (secure) {
            byte[] key = new byte[30];
            rnd.nextBytes(key);
            m.crypto(Crypto.of(1 + rnd.nextInt(9), Crypto.AES_CM_128_HMAC_SHA1_80,
                    CryptoKey.inline(key, rnd.nextBoolean() ? "2^20" : null, rnd.nextBoolean() ? "1:4" : null)));
        }
        if (rnd.nextBoolean()) {
            m.rtcpMux();
        } else if (rnd.nextBoolean()) {
            m.rtcp(Rtcp.of(rnd.nextInt(65_536)));
        }
        if (rnd.nextBoolean()) {
            m.direction(Direction.values()[rnd.nextInt(4)]);
        }
        if (rnd.nextInt(4) == 0) {
            m.attribute(Attribute.of("x-note", new String(WORDS[rnd.nextInt(WORDS.length)]
                    .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        }
        return m.build();
    }
}
