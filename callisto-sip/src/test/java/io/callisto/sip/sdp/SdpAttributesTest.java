package io.callisto.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.callisto.sip.parse.ParseError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed attribute values: rtpmap, fmtp, ptime, direction, rtcp, rtcp-mux, crypto and generic attributes. */
class SdpAttributesTest {

    private static MediaDescription media(String attributes) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
                + "m=audio 49170 RTP/AVP 0 96 101\r\n" + attributes;
        return SessionDescription.parse(sdp).media(0);
    }

    private static String reason(Runnable r) {
        return catchThrowableOfType(ParseError.class, r::run).reason();
    }

    @Test
    void rtpmap() {
        Rtpmap opus = Rtpmap.parse("96 opus/48000/2");
        assertThat(opus).isEqualTo(new Rtpmap(96, "opus", 48000, 2));
        assertThat(opus.effectiveChannels()).isEqualTo(2);
        assertThat(opus.toString()).isEqualTo("96 opus/48000/2");
        assertThat(Rtpmap.parse("0 PCMU/8000")).isEqualTo(Rtpmap.PCMU);
        assertThat(Rtpmap.PCMU.effectiveChannels()).isEqualTo(1);
        assertThat(Rtpmap.parse("101 telephone-event/8000")).isEqualTo(Rtpmap.telephoneEvent(101));
        assertThat(Rtpmap.parse("8 pcma/8000").isEncoding("PCMA")).isTrue();
        assertThat(reason(() -> Rtpmap.parse("96 opus 48000"))).isEqualTo("bad rtpmap: unexpected space in encoding");
        assertThat(reason(() -> Rtpmap.parse("96 opus/0"))).isEqualTo("bad rtpmap: clock rate must not be zero");
        assertThat(reason(() -> Rtpmap.parse("96 opus/48000/0"))).isEqualTo("bad rtpmap: channels must not be zero");
        assertThat(reason(() -> Rtpmap.parse("96 /8000"))).isEqualTo("bad rtpmap: encoding name expected");
        assertThat(reason(() -> Rtpmap.parse("96"))).isEqualTo("bad rtpmap: encoding name expected");
        assertThat(reason(() -> Rtpmap.parse(""))).isEqualTo("bad rtpmap: payload type expected");
        assertThatThrownBy(() -> new Rtpmap(128, "x", 8000, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fmtp() {
        Fmtp f = Fmtp.parse("96 profile-level-id=42e016;max-mbps=108000;max-fs=3600");
        assertThat(f.format()).isEqualTo("96");
        assertThat(f.parameterMap()).containsExactly(Map.entry("profile-level-id", "42e016"),
                Map.entry("max-mbps", "108000"), Map.entry("max-fs", "3600"));
        assertThat(f.parameter("MAX-MBPS")).contains("108000");
        assertThat(Fmtp.parse("101 0-16")).isEqualTo(new Fmtp("101", "0-16"));
        assertThat(Fmtp.parse("101 0-16").parameterMap()).containsExactly(Map.entry("0-16", ""));
        assertThat(reason(() -> Fmtp.parse("101"))).isEqualTo("bad fmtp: parameters expected");
        assertThat(reason(() -> Fmtp.parse(" 101 x"))).isEqualTo("bad fmtp: format expected");
    }

    @Test
    void mediaLevelHelpers() {
        MediaDescription m = media("""
                a=rtpmap:96 opus/48000/2\r
                a=fmtp:96 minptime=10;useinbandfec=1\r
                a=rtpmap:101 telephone-event/48000\r
                a=fmtp:101 0-16\r
                a=ptime:20\r
                a=maxptime:22.5\r
                a=rtcp:53021 IN IP4 192.0.2.1\r
                a=rtcp-mux\r
                a=sendonly\r
                a=x-custom:some value\r
                a=x-flag\r
                a=empty:\r
                """);
        assertThat(m.rtpmaps()).containsExactly(new Rtpmap(96, "opus", 48000, 2),
                Rtpmap.of(101, "telephone-event", 48000));
        assertThat(m.rtpmap("0")).isEmpty();
        assertThat(m.fmtp("96").orElseThrow().parameter("useinbandfec")).contains("1");
        assertThat(m.fmtps()).hasSize(2);
        assertThat(m.ptime()).hasValue(20.0);
        assertThat(m.maxptime()).hasValue(22.5);
        assertThat(m.rtcp()).contains(Rtcp.of(53021, "192.0.2.1"));
        assertThat(m.rtcpMux()).isTrue();
        assertThat(m.direction()).contains(Direction.SENDONLY);
        assertThat(m.effectiveDirection()).isEqualTo(Direction.SENDONLY);
        assertThat(m.attribute("x-custom")).contains(Attribute.of("x-custom", "some value"));
        assertThat(m.hasFlag("x-flag")).isTrue();
        assertThat(m.hasFlag("x-custom")).isFalse();
        assertThat(m.attribute("empty").orElseThrow().value()).isEmpty();
        assertThat(m.attribute("missing")).isEmpty();
        assertThat(m.attributes()).hasSize(12);
        // names are case-sensitive (RFC 8866 §5)
        assertThat(m.attribute("X-CUSTOM")).isEmpty();
    }

    @Test
    void malformedKnownAttributesAreIgnoredByTypedHelpers() {
        MediaDescription m = media("""
                a=rtpmap:96 opus\r
                a=rtpmap:101 telephone-event/8000\r
                a=ptime:abc\r
                a=rtcp:none\r
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!!\r
                a=sendrecv:x\r
                """);
        assertThat(m.rtpmaps()).containsExactly(Rtpmap.telephoneEvent(101));
        assertThat(m.ptime()).isEmpty();
        assertThat(m.rtcp()).isEmpty();
        assertThat(m.cryptos()).isEmpty();
        assertThat(m.direction()).isEmpty();
        assertThat(m.effectiveDirection()).isEqualTo(Direction.SENDRECV);
    }

    @Test
    void direction() {
        assertThat(Direction.fromAttributeName("recvonly")).contains(Direction.RECVONLY);
        assertThat(Direction.fromAttributeName("RECVONLY")).isEmpty();
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
        // RFC 3264 §6.1: sendonly offer -> recvonly or inactive answer; inactive stays inactive
        assertThat(Direction.SENDONLY.answer(Direction.SENDRECV)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDONLY.answer(Direction.SENDONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.INACTIVE.answer(Direction.SENDRECV)).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.SENDRECV.answer(Direction.RECVONLY)).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDRECV.sends()).isTrue();
        assertThat(Direction.RECVONLY.sends()).isFalse();
        assertThat(Direction.INACTIVE.attribute().toString()).isEqualTo("inactive");
    }

    @Test
    void rtcp() {
        assertThat(Rtcp.parse("53020")).isEqualTo(Rtcp.of(53020));
        assertThat(Rtcp.parse("53020 IN IP6 2001:db8::1").toString()).isEqualTo("53020 IN IP6 2001:db8::1");
        assertThat(Rtcp.of(9, "2001:db8::1").addrType()).isEqualTo("IP6");
        assertThat(reason(() -> Rtcp.parse("53020 IN IP4")))
                .isEqualTo("bad rtcp: expected a port, optionally followed by nettype, addrtype and address");
        assertThat(reason(() -> Rtcp.parse("70000"))).isEqualTo("bad rtcp: port out of range");
    }

    @Test
    void crypto() {
        byte[] key = new byte[30];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7);
        }
        Crypto c = new Crypto(1, Crypto.AES_CM_128_HMAC_SHA1_80,
                java.util.List.of(CryptoKey.inline(key, "2^31", "1:4")), java.util.List.of("KDR=1", "UNENCRYPTED_SRTCP"));
        assertThat(Crypto.parse(c.toString())).isEqualTo(c);
        assertThat(c.key().keySaltBytes().orElseThrow()).isEqualTo(key);
        assertThat(c.key().lifetimePackets()).hasValue(1L << 31);
        assertThat(Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:" + c.key().keySalt() + "|1048576")
                .key().lifetimePackets()).hasValue(1048576);
        assertThat(Crypto.parse("1 AES_CM_128_HMAC_SHA1_80\t inline:" + c.key().keySalt()).key().mki()).isEmpty();
        CryptoKey other = Crypto.parse("7 SUITE_X otherkm:some-opaque-info").key();
        assertThat(other.isInline()).isFalse();
        assertThat(other.keySalt()).isEqualTo("some-opaque-info");
        assertThat(other.keySaltBytes()).isEmpty();

        String k = "inline:" + c.key().keySalt();
        assertThat(reason(() -> Crypto.parse("1 AES_CM_128_HMAC_SHA1_80")))
                .isEqualTo("bad crypto: expected tag, crypto-suite and key parameters");
        assertThat(reason(() -> Crypto.parse("1234567890 X " + k))).isEqualTo("bad crypto: tag too large");
        assertThat(reason(() -> Crypto.parse("1 AES-CM " + k))).isEqualTo("bad crypto: invalid character in crypto-suite");
        assertThat(reason(() -> Crypto.parse("1 X " + k + "|2^x"))).isEqualTo("bad crypto: lifetime not a number");
        assertThat(reason(() -> Crypto.parse("1 X " + k + "|2^20|1:0"))).isEqualTo("bad crypto: MKI length out of range");
        assertThat(reason(() -> Crypto.parse("1 X " + k + "|2^20|1:129"))).isEqualTo("bad crypto: MKI length out of range");
        assertThat(reason(() -> Crypto.parse("1 X " + k + "|1|2|3"))).isEqualTo("bad crypto: too many '|' parts in inline key");
        assertThat(reason(() -> Crypto.parse("1 X inline:abcde"))).isEqualTo("bad crypto: inline key is not valid base64");
        assertThat(reason(() -> Crypto.parse("1 X " + k + ";"))).isEqualTo("bad crypto: key method expected");
        assertThat(reason(() -> Crypto.parse("1 X inline"))).isEqualTo("bad crypto: ':' expected after key method");
        assertThat(reason(() -> Crypto.parse("1 X " + k + " KDR=\u00e9"))).isEqualTo("bad crypto: invalid character in session parameter");
        assertThatThrownBy(() -> new CryptoKey("inline", "abc|x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesAndUnknownLines() {
        assertThat(Attribute.parse("recvonly")).isEqualTo(Attribute.flag("recvonly"));
        assertThat(Attribute.parse("tool:foobar V3.2")).isEqualTo(Attribute.of("tool", "foobar V3.2"));
        assertThat(Attribute.parse("keywds: SDP").value()).isEqualTo(" SDP");
        String sdp = "v=0\no=- 1 1 IN IP4 h\ns=-\nx=unknown session line\nc=IN IP4 192.0.2.1\nt=0 0\n"
                + "m=audio 9 RTP/AVP 0\nY=unknown media line\na=sendrecv\n";
        SessionDescription sd = SessionDescription.parseStrict(sdp);
        assertThat(sd.toString()).isEqualTo(sdp);
        assertThat(sd.lines()).extracting(SdpLine::type).containsExactly('v', 'o', 's', 'x', 'c', 't');
        assertThat(sd.lines().get(3).value()).isEqualTo("unknown session line");
        assertThat(sd.media(0).lines()).extracting(SdpLine::toString)
                .containsExactly("m=audio 9 RTP/AVP 0", "Y=unknown media line", "a=sendrecv");
    }
}
