package io.callisto.sip.sdp;

import static io.callisto.sip.sdp.SdpCorpus.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Immutable modification (changed lines canonical, the others byte-identical) and builders. */
class SdpModificationTest {

    /** Bare LF line ends and odd spacing, which modification must leave alone on untouched lines. */
    static final String ODD = "v=0\n"
            + "o=alice  2890844526 2890844526 IN IP4 host.anywhere.com \n"
            + "s= \n"
            + "c=IN IP4 host.anywhere.com\n"
            + "t=0 0\n"
            + "a=inactive\n"
            + "m=audio  49170 RTP/AVP 0 4 18\n"
            + "a=rtpmap:0 PCMU/8000\n"
            + "a=rtpmap:4  G723/8000\n"
            + "a=rtpmap:18 G729/8000\n"
            + "m=video 51372 RTP/AVP 31\n"
            + "a=rtpmap:31 H261/90000";

    @Test
    void parsedOddInputRoundTrips() {
        SessionDescription sd = SessionDescription.parseStrict(ODD);
        assertThat(sd.toString()).isEqualTo(ODD);
        assertThat(sd.origin().username()).isEqualTo("alice");
        assertThat(sd.sessionName()).isEqualTo(" ");
        assertThat(sd.media(0).port()).isEqualTo(49170);
        assertThat(sd.media(0).rtpmap("4")).contains(Rtpmap.of(4, "G723", 8000));
        assertThat(sd.media(1).lines().get(1).lineEnding()).isEmpty();
        assertThat(sd.lines().get(0).lineEnding()).isEqualTo("\n");
    }

    @Test
    void changedLinesAreCanonicalOthersKeepTheirBytes() {
        SessionDescription sd = SessionDescription.parse(ODD);
        SessionDescription changed = sd.withNextVersion()
                .withDirection(Direction.SENDRECV)
                .withMedia(0, sd.media(0).withPort(50000).retainFormats(List.of("0")));
        assertThat(changed.toString()).isEqualTo("v=0\n"
                + "o=alice 2890844526 2890844527 IN IP4 host.anywhere.com\r\n"
                + "s= \n"
                + "c=IN IP4 host.anywhere.com\n"
                + "t=0 0\n"
                + "a=sendrecv\r\n"
                + "m=audio 50000 RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\n"
                + "m=video 51372 RTP/AVP 31\n"
                + "a=rtpmap:31 H261/90000");
        assertThat(changed.media(1).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(sd.media(1).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(SessionDescription.parse(changed.toBytes())).isEqualTo(changed);
        // the original is unchanged
        assertThat(sd.toString()).isEqualTo(ODD);
    }

    @Test
    void addingAfterAnUnterminatedLastLineTerminatesIt() {
        SessionDescription sd = SessionDescription.parse(ODD);
        SessionDescription more = sd.withMedia(1, sd.media(1).withAttribute(Attribute.flag("recvonly")));
        assertThat(more.toString()).endsWith("m=video 51372 RTP/AVP 31\na=rtpmap:31 H261/90000\r\na=recvonly\r\n");
        SessionDescription added = sd.addMedia(MediaDescription.builder("audio", 0, "RTP/AVP").format("0").build());
        assertThat(added.toString()).endsWith("a=rtpmap:31 H261/90000\r\nm=audio 0 RTP/AVP 0\r\n");
        assertThat(added.media(2).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(SessionDescription.parse(added.toBytes())).isEqualTo(added);
    }

    @Test
    void insertedLinesGoWhereTheGrammarPutsThem() {
        SessionDescription sd = SessionDescription.parse(SdpCorpus.RFC5118_MULT_IP_IN_SDP);
        SessionDescription withC = sd.withConnection(Connection.ip4("192.0.2.7"))
                .withAttribute(Attribute.of("tool", "callisto"))
                .withTimings(List.of(Timing.of(3724394400L, 0), new Timing(3724394400L, 3730536000L,
                        List.of(new Timing.Repeat(604800, 3600, List.of(0L, 90000L))),
                        List.of(new Timing.ZoneAdjustment(3730928400L, -3600)))));
        assertThat(withC.toString()).startsWith("v=0\n"
                + "o=bob 280744730 28977631 IN IP4 host.example.com\n"
                + "s=\n"
                + "c=IN IP4 192.0.2.7\r\n"
                + "t=3724394400 0\r\n"
                + "t=3724394400 3730536000\r\n"
                + "r=604800 3600 0 90000\r\n"
                + "z=3730928400 -3600\r\n"
                + "a=tool:callisto\r\n"
                + "m=audio 22334 RTP/AVP 0\n");
        assertThat(withC.timings()).hasSize(2);
        assertThat(withC.timings().get(1).zoneAdjustments()).hasSize(1);
        assertThat(withC.media(0).effectiveConnections()).containsExactly(Connection.ip4("192.0.2.1"));
        MediaDescription m = withC.media(0).withoutConnection();
        assertThat(withC.withMedia(0, m).media(0).effectiveConnections())
                .containsExactly(Connection.ip4("192.0.2.7"));
        assertThat(SessionDescription.parseStrict(withC.toString()).timings()).isEqualTo(withC.timings());
    }

    @Test
    void mediaModification() {
        MediaDescription m = SessionDescription.parse(SdpCorpus.RFC8866_6_7).media(0);
        MediaDescription changed = m.withConnection(Connection.ip6("2001:db8::9"))
                .withAttribute(Attribute.flag(Attribute.RTCP_MUX))
                .withDirection(Direction.RECVONLY)
                .withProto("RTP/SAVP")
                .withoutAttributes("nothing-here");
        assertThat(changed.toString()).isEqualTo("m=audio 49170 RTP/SAVP 0\r\n"
                + "c=IN IP6 2001:db8::9\r\n"
                + "a=recvonly\r\n"
                + "a=rtcp-mux\r\n");
        assertThat(changed.withoutAttributes(Attribute.RTCP_MUX).rtcpMux()).isFalse();
        assertThat(changed.withFormats(List.of("8", "0")).formats()).containsExactly("8", "0");
        assertThatThrownBy(() -> m.withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.retainFormats(List.of("99"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builderMakesAnOfferWithPcmuPcmaAndTelephoneEvent() {
        SessionDescription offer = SessionDescription.builder()
                .origin(Origin.of("callisto", 3724394400L, 3724394400L, "192.0.2.10"))
                .connection(Connection.ip4("192.0.2.10"))
                .media(MediaDescription.builder("audio", 49170, "RTP/AVP")
                        .rtpmap(Rtpmap.PCMU)
                        .rtpmap(Rtpmap.PCMA)
                        .rtpmap(Rtpmap.telephoneEvent(101))
                        .fmtp(new Fmtp("101", "0-16"))
                        .ptime(20)
                        .direction(Direction.SENDRECV)
                        .build())
                .build();
        String expected = "v=0\r\n"
                + "o=callisto 3724394400 3724394400 IN IP4 192.0.2.10\r\n"
                + "s=-\r\n"
                + "c=IN IP4 192.0.2.10\r\n"
                + "t=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0 8 101\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"
                + "a=fmtp:101 0-16\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
        assertThat(offer.toString()).isEqualTo(expected);
        SessionDescription parsed = SessionDescription.parseStrict(expected);
        assertThat(parsed).isEqualTo(offer);
        assertThat(parsed.media(0).rtpmaps()).isEqualTo(offer.media(0).rtpmaps());
        assertThat(offer.media(0).formats()).containsExactly("0", "8", "101");
        assertThat(offer.withNextVersion().origin().sessionVersion()).isEqualTo("3724394401");
    }

    @Test
    void builderWithEverything() {
        byte[] key = "0123456789abcdef0123456789abcd".getBytes(StandardCharsets.US_ASCII);
        SessionDescription sd = SessionDescription.builder()
                .origin(Origin.of("-", 1, 1, "2001:db8::1"))
                .sessionName("Séance")
                .information("info")
                .uri("http://example.com/")
                .email("j.doe@example.com (Jane Doe)")
                .phone("+1 617 555-6011")
                .bandwidth(new Bandwidth(Bandwidth.CT, 128))
                .timing(Timing.of(3724394400L, 3724398000L))
                .attribute(Attribute.of("tool", "callisto"))
                .direction(Direction.SENDONLY)
                .media(MediaDescription.builder("video", 49170, "RTP/SAVP").portCount(2)
                        .information("main camera")
                        .connection(new Connection("IN", "IP6", "ff00::db8:0:101", -1, 2))
                        .bandwidth(new Bandwidth(Bandwidth.AS, 512))
                        .rtpmap(Rtpmap.of(96, "H264", 90000))
                        .crypto(Crypto.of(1, Crypto.AES_CM_128_HMAC_SHA1_80, CryptoKey.inline(key, "2^20", "1:4")))
                        .rtcp(Rtcp.of(49180))
                        .rtcpMux()
                        .maxptime(40)
                        .build())
                .build();
        String text = sd.toString();
        assertThat(text).startsWith("v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=Séance\r\ni=info\r\n"
                + "u=http://example.com/\r\ne=j.doe@example.com (Jane Doe)\r\np=+1 617 555-6011\r\nb=CT:128\r\n"
                + "t=3724394400 3724398000\r\na=tool:callisto\r\na=sendonly\r\n"
                + "m=video 49170/2 RTP/SAVP 96\r\ni=main camera\r\nc=IN IP6 ff00::db8:0:101/2\r\nb=AS:512\r\n");
        SessionDescription parsed = SessionDescription.parseStrict(text);
        assertThat(parsed).isEqualTo(sd);
        MediaDescription m = parsed.media(0);
        assertThat(m.portCount()).isEqualTo(2);
        assertThat(m.connections()).containsExactly(new Connection("IN", "IP6", "ff00::db8:0:101", -1, 2));
        assertThat(m.cryptos().get(0).key().keySaltBytes().orElseThrow()).isEqualTo(key);
        assertThat(m.rtcp()).contains(Rtcp.of(49180));
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.maxptime()).hasValue(40);
        assertThat(m.effectiveDirection()).isEqualTo(Direction.SENDONLY);
        assertThat(parsed.sessionName()).isEqualTo("Séance");
        assertThat(bytes(text)).isEqualTo(parsed.toBytes());
    }

    @Test
    void builderMisuseIsAnIllegalArgument() {
        assertThatThrownBy(() -> SessionDescription.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 9, "RTP/AVP").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaDescription.builder("audio", 9, "RTP AVP").format("0").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionDescription.builder().sessionName("a\r\nb"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.of("a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connection("IN", "IP6", "ff00::1", 5, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Origin("a b", "1", "1", "IN", "IP4", "h"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void originVersionIncrement() {
        Origin o = Origin.parse("- 1 999 IN IP4 h");
        assertThat(o.nextVersion().sessionVersion()).isEqualTo("1000");
        assertThat(o.withSessionVersion("18446744073709551615").nextVersion().sessionVersion())
                .isEqualTo("18446744073709551616");
        assertThat(o.withAddress("2001:db8::1").toString()).isEqualTo("- 1 999 IN IP6 2001:db8::1");
    }
}
