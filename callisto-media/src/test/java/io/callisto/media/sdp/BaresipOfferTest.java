package io.callisto.media.sdp;

import static io.callisto.media.sdp.OfferAnswerTest.bob;
import static io.callisto.media.sdp.OfferAnswerTest.failed;
import static io.callisto.media.sdp.OfferAnswerTest.ok;
import static io.callisto.media.sdp.OfferAnswerTest.phone;
import static io.callisto.media.sdp.OfferAnswerTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.srtp.SrtpMode;
import io.callisto.media.srtp.SrtpProfile;
import io.callisto.sip.sdp.SessionDescription;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The offers baresip 1.0 (Debian) sends, copied from its INVITEs: plain, {@code mediaenc=srtp} (RTP/AVP with one
 * a=crypto, best effort) and {@code mediaenc=srtp-mand} (RTP/SAVP). Callisto answers each according to its SRTP
 * policy; baresip's extra attributes (a=rtcp-rsize, a=ssrc, a=label, a=minptime, a=tool) change nothing.
 */
class BaresipOfferTest {

    private static final String HEAD = "v=0\r\no=- 3731398121 1350714682 IN IP4 127.0.0.1\r\ns=-\r\n"
            + "c=IN IP4 127.0.0.1\r\nt=0 0\r\na=tool:baresip 1.0.0\r\n";
    private static final String FORMATS = " 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\na=label:1\r\na=rtcp-rsize\r\n"
            + "a=ssrc:3128506848 cname:sip:a@127.0.0.1\r\n";
    private static final String CRYPTO = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
            + "inline:EAS33TcYUErOcc5nWcD/epZYdxTDGTLKBikx03Us\r\n";
    private static final String TAIL = "a=minptime:20\r\na=ptime:20\r\n";

    static final SessionDescription PLAIN = SessionDescription.parse(HEAD + "m=audio 30000 RTP/AVP" + FORMATS + TAIL);
    static final SessionDescription BEST_EFFORT = SessionDescription.parse(
            HEAD + "m=audio 30000 RTP/AVP" + FORMATS + CRYPTO + TAIL);
    static final SessionDescription MANDATORY = SessionDescription.parse(
            HEAD + "m=audio 30000 RTP/SAVP" + FORMATS + CRYPTO + TAIL);

    @Test
    void plainOfferGivesPcmuAndTelephoneEvents() {
        NegotiatedMedia m = ok(bob(SrtpMode.OPTIONAL, phone(6000)).createAnswer(PLAIN)).media().get(0);
        assertThat(m.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(m.remoteRtpPort()).isEqualTo(30000);
        assertThat(m.remoteRtcpPort()).isEqualTo(30001);
        assertThat(m.rtcpMux()).isFalse();
        assertThat(m.send().encodingName()).isEqualTo("PCMU");
        assertThat(m.telephoneEvent()).isEqualTo(OptionalInt.of(101));
        assertThat(m.ptime()).isEqualTo(20);
        assertThat(m.canSend()).isTrue();
        assertThat(m.canReceive()).isTrue();
        assertThat(m.secure()).isFalse();
    }

    @Test
    void bestEffortOfferIsAnsweredWithCryptoOnAvpUnlessSrtpIsOff() {
        Outcome.Negotiated n = ok(bob(SrtpMode.OPTIONAL, phone(6000)).createAnswer(BEST_EFFORT));
        SessionDescription answer = wire(n.sdp());
        assertThat(answer.media(0).proto()).isEqualTo("RTP/AVP");
        assertThat(answer.media(0).cryptos()).singleElement()
                .satisfies(c -> assertThat(c.tag()).isEqualTo(1))
                .satisfies(c -> assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80"));
        assertThat(n.media().get(0).srtp().orElseThrow().profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);

        Outcome.Negotiated required = ok(bob(SrtpMode.REQUIRED, phone(6000)).createAnswer(BEST_EFFORT));
        assertThat(wire(required.sdp()).media(0).proto()).isEqualTo("RTP/AVP");
        assertThat(wire(required.sdp()).media(0).cryptos()).hasSize(1);
        assertThat(required.media().get(0).secure()).as("required SRTP takes the best-effort offer, encrypted")
                .isTrue();

        Outcome.Negotiated off = ok(bob(SrtpMode.OFF, phone(6000)).createAnswer(BEST_EFFORT));
        assertThat(wire(off.sdp()).media(0).cryptos()).isEmpty();
        assertThat(off.media().get(0).secure()).isFalse();
    }

    @Test
    void mandatoryOfferNeedsSrtp() {
        Outcome.Negotiated n = ok(bob(SrtpMode.REQUIRED, phone(6000)).createAnswer(MANDATORY));
        SessionDescription answer = wire(n.sdp());
        assertThat(answer.media(0).proto()).isEqualTo("RTP/SAVP");
        assertThat(answer.media(0).port()).isEqualTo(6000);
        assertThat(answer.media(0).cryptos()).hasSize(1);
        assertThat(answer.media(0).hasFlag("rtcp-rsize")).as("reduced-size RTCP (RFC 5506) is not supported").isFalse();
        assertThat(n.media().get(0).secure()).isTrue();

        assertThat(failed(bob(SrtpMode.OFF, phone(6000)).createAnswer(MANDATORY)).status()).isEqualTo(488);
        assertThat(failed(bob(SrtpMode.REQUIRED, phone(6000)).createAnswer(PLAIN)).status()).isEqualTo(488);
    }
}
