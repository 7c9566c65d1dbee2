package io.callisto.sip.sdp;

import static io.callisto.sip.sdp.SdpCorpus.bytes;
import static io.callisto.sip.sdp.SdpCorpus.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.sip.parse.ParseError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SDP examples of RFC 8866, RFC 3264, RFC 4568, RFC 5118, RFC 4475 and RFC 3605. */
class RfcExamplesTest {

    static Stream<String> valid() {
        return SdpCorpus.VALID.stream();
    }

    @ParameterizedTest
    @MethodSource("valid")
    void roundTripsByteForByteWithCrlf(String lf) {
        byte[] in = bytes(crlf(lf));
        SessionDescription sd = SessionDescription.parse(in);
        assertThat(sd.toBytes()).isEqualTo(in);
        assertThat(sd.toString()).isEqualTo(crlf(lf));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void roundTripsByteForByteWithBareLf(String lf) {
        byte[] in = bytes(lf);
        assertThat(SessionDescription.parse(in).toBytes()).isEqualTo(in);
    }

    @ParameterizedTest
    @MethodSource("valid")
    void roundTripsInsideALargerBuffer(String lf) {
        byte[] body = bytes(crlf(lf));
        byte[] buf = new byte[body.length + 20];
        System.arraycopy(body, 0, buf, 10, body.length);
        assertThat(SessionDescription.parse(buf, 10, 10 + body.length).toBytes()).isEqualTo(body);
    }

    @Test
    void rfc8866Section5() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC8866_5));
        assertThat(sd.version()).isZero();
        assertThat(sd.origin()).isEqualTo(
                new Origin("jdoe", "3724394400", "3724394405", "IN", "IP4", "198.51.100.1"));
        assertThat(sd.sessionName()).isEqualTo("Call to John Smith");
        assertThat(sd.information()).contains("SDP Offer #1");
        assertThat(sd.uri()).contains("http://www.jdoe.example.com/home.html");
        assertThat(sd.emails()).containsExactly("Jane Doe <jane@jdoe.example.com>");
        assertThat(sd.phones()).containsExactly("+1 617 555-6011");
        assertThat(sd.connection()).contains(Connection.ip4("198.51.100.1"));
        assertThat(sd.timings()).containsExactly(Timing.PERMANENT);
        assertThat(sd.media()).hasSize(3);
        MediaDescription video = sd.media(2);
        assertThat(video.media()).isEqualTo("video");
        assertThat(video.port()).isEqualTo(51372);
        assertThat(video.proto()).isEqualTo("RTP/AVP");
        assertThat(video.formats()).containsExactly("99");
        assertThat(video.connections()).containsExactly(Connection.ip6("2001:db8::2"));
        assertThat(video.rtpmap("99")).contains(Rtpmap.of(99, "h263-1998", 90000));
        // §5: each audio media description behaves as if it were given "c=IN IP4 198.51.100.1"
        assertThat(sd.media(0).connections()).isEmpty();
        assertThat(sd.media(0).effectiveConnections()).containsExactly(Connection.ip4("198.51.100.1"));
        assertThat(video.effectiveConnections()).containsExactly(Connection.ip6("2001:db8::2"));
    }

    @Test
    void rfc8866Section6_7DirectionInheritance() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC8866_6_7));
        assertThat(sd.direction()).contains(Direction.INACTIVE);
        assertThat(sd.media(0).direction()).contains(Direction.SENDRECV);
        assertThat(sd.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(sd.media(1).direction()).isEmpty();
        assertThat(sd.media(1).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(sd.media(2).effectiveDirection()).isEqualTo(Direction.INACTIVE);
        assertThat(sd.withoutDirection().media(2).effectiveDirection()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void rfc8866TimesRepeatsAndZones() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC8866_TIMES));
        assertThat(sd.connection()).contains(new Connection("IN", "IP4", "233.252.0.1", 127, 1));
        List<Timing> t = sd.timings();
        assertThat(t).hasSize(4);
        assertThat(t.get(0)).isEqualTo(Timing.of(3724394400L, 3724398000L));
        assertThat(t.get(1)).isEqualTo(Timing.of(3724484400L, 3724488000L));
        // §5.10: "r=7d 1h 0 25h" is the same as "r=604800 3600 0 90000"
        Timing.Repeat weekly = new Timing.Repeat(604800, 3600, List.of(0L, 90000L));
        assertThat(t.get(2).repeats()).containsExactly(weekly, weekly);
        assertThat(t.get(3).repeats()).containsExactly(weekly);
        assertThat(t.get(3).zoneAdjustments()).containsExactly(
                new Timing.ZoneAdjustment(3730928400L, -3600), new Timing.ZoneAdjustment(3749680800L, 0));
        assertThat(sd.zoneAdjustments()).isEqualTo(t.get(3).zoneAdjustments());
    }

    @Test
    void rfc3264BasicExchange() {
        SessionDescription offer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_1_OFFER));
        assertThat(offer.sessionName()).isEmpty();
        assertThat(offer.connection().orElseThrow().address()).isEqualTo("host.anywhere.com");
        assertThat(offer.media()).extracting(MediaDescription::port).containsExactly(49170, 51372, 53000);
        assertThat(offer.media(1).rtpmaps()).containsExactly(Rtpmap.of(31, "H261", 90000));

        SessionDescription answer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_1_ANSWER));
        assertThat(answer.media(1).isRejected()).isTrue();
        assertThat(answer.media(1).rtpmaps()).isEmpty();

        SessionDescription offer2 = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_1_OFFER2));
        assertThat(offer2.origin().sessionVersion()).isEqualTo("2890844731");
        MediaDescription events = offer2.media(3);
        assertThat(events.rtpmap("110")).contains(Rtpmap.of(110, "telephone-events", 8000));
        assertThat(events.effectiveDirection()).isEqualTo(Direction.RECVONLY);
        assertThat(offer2.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);

        SessionDescription answer2 = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_1_ANSWER2));
        assertThat(answer2.media(3).effectiveDirection()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.RECVONLY.answer(Direction.SENDRECV)).isEqualTo(Direction.SENDONLY);
    }

    @Test
    void rfc3264OneOfNCodecSelection() {
        SessionDescription offer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_2_OFFER));
        MediaDescription m = offer.media(0);
        assertThat(m.formats()).containsExactly("0", "4", "18");
        assertThat(m.rtpmaps()).extracting(Rtpmap::encodingName).containsExactly("PCMU", "G723", "G729");
        assertThat(m.effectiveDirection()).isEqualTo(Direction.INACTIVE);
        // Bob's answer keeps PCMU and G.723: the same lines as the RFC's, ports aside
        MediaDescription answer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_2_ANSWER)).media(0);
        assertThat(m.retainFormats(List.of("0", "4")).withPort(54344)).isEqualTo(answer);
        SessionDescription offer2 = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_2_OFFER2));
        assertThat(offer2.media(0).effectiveDirection()).isEqualTo(Direction.SENDRECV);
        SessionDescription answer2 = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3264_10_2_ANSWER2));
        assertThat(answer2.origin().sessionVersion()).isEqualTo("2890844732");
    }

    @Test
    void rfc3264CapabilitiesFigureBreaksTheLineOrder() {
        // RFC 3264 §9 writes c= after t=; RFC 8866 §5 (and RFC 4566 before it) put c= before t=.
        assertThatThrownBy(() -> SessionDescription.parse(crlf(SdpCorpus.RFC3264_9_CAPABILITIES)))
                .isInstanceOf(ParseError.class)
                .hasMessageContaining("line 5: c= line out of order (after t= line)");
        String fixed = SdpCorpus.RFC3264_9_CAPABILITIES.replace("t=0 0\nc=IN IP4 192.0.2.4\n",
                "c=IN IP4 192.0.2.4\nt=0 0\n");
        SessionDescription sd = SessionDescription.parseStrict(crlf(fixed));
        assertThat(sd.origin().sessionId()).isEqualTo("28908764872");
        assertThat(sd.media()).allMatch(MediaDescription::isRejected);
        assertThat(sd.media(0).rtpmap("1")).contains(Rtpmap.of(1, "1016", 8000));
    }

    @Test
    void rfc4568Crypto() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC4568_4_5));
        assertThat(sd.connection().orElseThrow().ttl()).isEqualTo(127);
        Crypto c = sd.media(0).cryptos().get(0);
        assertThat(c.tag()).isEqualTo(1);
        assertThat(c.suite()).isEqualTo(Crypto.AES_CM_128_HMAC_SHA1_80);
        assertThat(c.key().isInline()).isTrue();
        assertThat(c.key().keySalt()).isEqualTo("d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj");
        assertThat(c.key().keySaltBytes().orElseThrow()).hasSize(30);
        assertThat(c.key().lifetime()).contains("2^20");
        assertThat(c.key().lifetimePackets()).hasValue(1L << 20);
        assertThat(c.key().mki()).contains("1:32");
        assertThat(c.key().mkiValue()).hasValue(1);
        assertThat(c.key().mkiLength()).hasValue(32);
        assertThat(sd.media(1).cryptos().get(0).suite()).isEqualTo(Crypto.AES_CM_128_HMAC_SHA1_32);
        assertThat(sd.media(2).formats()).containsExactly("wb");
        assertThat(sd.media(2).attribute("orient")).contains(Attribute.of("orient", "portrait"));

        MediaDescription offer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC4568_7_1_5_OFFER)).media(0);
        List<Crypto> cryptos = offer.cryptos();
        assertThat(cryptos).extracting(Crypto::tag).containsExactly(1, 2);
        assertThat(cryptos.get(0).sessionParams()).containsExactly("FEC_ORDER=FEC_SRTP");
        assertThat(cryptos.get(1).keys()).hasSize(2);
        assertThat(cryptos.get(1).keys()).extracting(k -> k.mkiValue().getAsLong()).containsExactly(1L, 2L);
        assertThat(cryptos.get(1).keys().get(1).keySalt()).isEqualTo("QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5");
        assertThat(offer.attributes("crypto").get(1).value()).isEqualTo(cryptos.get(1).toString());

        MediaDescription answer = SessionDescription.parseStrict(crlf(SdpCorpus.RFC4568_7_1_5_ANSWER)).media(0);
        assertThat(answer.cryptos()).singleElement().satisfies(k -> assertThat(k.tag()).isEqualTo(1));
    }

    @Test
    void rfc4568InlineKeyWithMkiAndDefaultLifetime() {
        Crypto c = Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4");
        assertThat(c.key().lifetime()).isEmpty();
        assertThat(c.key().mkiValue()).hasValue(1066);
        assertThat(c.key().mkiLength()).hasValue(4);
    }

    @Test
    void rfc5118Ipv6() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC5118_IPV6_IN_SDP));
        assertThat(sd.origin().addrType()).isEqualTo("IP6");
        assertThat(sd.origin().address()).isEqualTo("2001:db8::20");
        assertThat(sd.origin().sessionId()).isEqualTo("971731711378798081");
        assertThat(sd.connection()).contains(Connection.ip6("2001:db8::20"));
        assertThat(sd.media(0).rtpmap("2")).contains(Rtpmap.of(2, "G726-32", 8000));

        SessionDescription mult = SessionDescription.parseStrict(crlf(SdpCorpus.RFC5118_MULT_IP_IN_SDP));
        assertThat(mult.connection()).isEmpty();
        assertThat(mult.media(0).effectiveConnections()).containsExactly(Connection.ip4("192.0.2.1"));
        assertThat(mult.media(1).effectiveConnections()).containsExactly(Connection.ip6("2001:db8::1"));

        SessionDescription mapped = SessionDescription.parseStrict(crlf(SdpCorpus.RFC5118_IPV4_MAPPED));
        assertThat(mapped.connection()).contains(Connection.of("::ffff:192.0.2.2"));
    }

    @Test
    void rfc4475BodiesParseButTheirRtpmapIsMalformed() {
        // "a=rtpmap:31 LPC" has no clock rate (RFC 8866 §6.6): parse keeps it, the typed view ignores it,
        // validation reports it.
        SessionDescription sd = SessionDescription.parse(crlf(SdpCorpus.RFC4475_WSINV));
        assertThat(sd.media(0).formats()).containsExactly("0", "12");
        assertThat(sd.media(1).attribute("rtpmap")).contains(Attribute.of("rtpmap", "31 LPC"));
        assertThat(sd.media(1).rtpmaps()).isEmpty();
        assertThatThrownBy(sd::validate).isInstanceOf(ParseError.class)
                .hasMessage("line 8: bad rtpmap: clock rate expected at offset "
                        + (crlf(SdpCorpus.RFC4475_WSINV).indexOf("LPC\r\n") + 3));

        SessionDescription inv = SessionDescription.parseStrict(crlf(SdpCorpus.RFC4475_INV2543));
        assertThat(inv.media(0).formats()).containsExactly("0");
    }

    @Test
    void rfc3605Rtcp() {
        SessionDescription sd = SessionDescription.parseStrict(crlf(SdpCorpus.RFC3605_RTCP));
        assertThat(sd.media(0).rtcp()).contains(Rtcp.of(53020));
        assertThat(sd.media(1).rtcp()).contains(new Rtcp(53020, "IN", "IP4", "126.16.64.4"));
        assertThat(sd.media(2).rtcp().orElseThrow().address())
                .isEqualTo("2001:2345:6789:ABCD:EF01:2345:6789:ABCD");
        assertThat(sd.media(0).rtcpMux()).isFalse();
    }
}
