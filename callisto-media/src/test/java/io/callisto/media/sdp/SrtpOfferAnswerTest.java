package io.callisto.media.sdp;

import static io.callisto.media.sdp.OfferAnswerTest.alice;
import static io.callisto.media.sdp.OfferAnswerTest.bob;
import static io.callisto.media.sdp.OfferAnswerTest.failed;
import static io.callisto.media.sdp.OfferAnswerTest.ok;
import static io.callisto.media.sdp.OfferAnswerTest.phone;
import static io.callisto.media.sdp.OfferAnswerTest.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpMode;
import io.callisto.media.srtp.SrtpProfile;
import io.callisto.sip.sdp.Attribute;
import io.callisto.sip.sdp.SessionDescription;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SDES keys through offer/answer, for each SRTP policy pairing. */
class SrtpOfferAnswerTest {

    private static final byte[] RTP = rtp();

    private static byte[] rtp() {
        byte[] b = new byte[172];
        new Random(2).nextBytes(b);
        b[0] = (byte) 0x80;
        b[1] = 0;
        return b;
    }

    @Test
    void requiredOnBothSidesGivesSavpAndWorkingKeys() {
        OfferAnswer a = alice(SrtpMode.REQUIRED, phone(4000));
        OfferAnswer b = bob(SrtpMode.REQUIRED, phone(6000));
        SessionDescription offer = wire(a.createOffer());
        assertThat(offer.media(0).proto()).isEqualTo("RTP/SAVP");
        assertThat(offer.media(0).cryptos()).hasSize(2);
        Outcome.Negotiated answered = ok(b.createAnswer(offer));
        SessionDescription answer = wire(answered.sdp());
        assertThat(answer.media(0).cryptos()).singleElement()
                .satisfies(c -> assertThat(c.tag()).isEqualTo(1))
                .satisfies(c -> assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80"));
        SdesKeys bobKeys = answered.media().get(0).srtp().orElseThrow();
        SdesKeys aliceKeys = ok(a.acceptAnswer(offer, answer)).media().get(0).srtp().orElseThrow();
        assertThat(aliceKeys.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(bobKeys.receiveContext().unprotectRtp(aliceKeys.sendContext().protectRtp(RTP))).isEqualTo(RTP);
        assertThat(aliceKeys.receiveContext().unprotectRtp(bobKeys.sendContext().protectRtp(RTP))).isEqualTo(RTP);
        // keys are kept across re-offers (hold), so the running contexts stay valid
        a.hold();
        SessionDescription reoffer = wire(a.createOffer());
        assertThat(reoffer.media(0).cryptos()).isEqualTo(offer.media(0).cryptos());
    }

    @Test
    void optionalOffersAvpWithCryptoAndGetsSrtpFromAWillingPeer() {
        OfferAnswer a = alice(SrtpMode.OPTIONAL, phone(4000));
        SessionDescription offer = wire(a.createOffer());
        assertThat(offer.media(0).proto()).isEqualTo("RTP/AVP");
        assertThat(offer.media(0).cryptos()).isNotEmpty();
        SessionDescription answer = wire(ok(bob(SrtpMode.OPTIONAL, phone(6000)).createAnswer(offer)).sdp());
        assertThat(answer.media(0).proto()).isEqualTo("RTP/AVP");
        assertThat(ok(a.acceptAnswer(offer, answer)).media().get(0).secure()).isTrue();
    }

    @Test
    void optionalFallsBackToPlainRtpWithAPeerWithoutSrtp() {
        OfferAnswer a = alice(SrtpMode.OPTIONAL, phone(4000));
        SessionDescription offer = wire(a.createOffer());
        Outcome.Negotiated answered = ok(bob(SrtpMode.OFF, phone(6000)).createAnswer(offer));
        assertThat(answered.media().get(0).secure()).isFalse();
        SessionDescription answer = wire(answered.sdp());
        assertThat(answer.media(0).attributes(Attribute.CRYPTO)).isEmpty();
        assertThat(ok(a.acceptAnswer(offer, answer)).media().get(0).secure()).isFalse();
    }

    @Test
    void gcmIsChosenWhenBothSidesListItAndSkippedOtherwise() {
        java.util.List<SrtpProfile> gcmFirst = java.util.List.of(SrtpProfile.AEAD_AES_128_GCM,
                SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        OfferAnswer a = new OfferAnswer(new LocalMedia("-", "192.0.2.1", SrtpMode.REQUIRED, gcmFirst,
                java.util.List.of(phone(4000))), OfferAnswerTest.RANDOM);
        SessionDescription offer = wire(a.createOffer());
        assertThat(offer.media(0).cryptos()).extracting(c -> c.suite())
                .containsExactly("AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80");
        OfferAnswer gcmPeer = new OfferAnswer(new LocalMedia("-", "192.0.2.2", SrtpMode.REQUIRED, gcmFirst,
                java.util.List.of(phone(6000))), OfferAnswerTest.RANDOM);
        Outcome.Negotiated n = ok(gcmPeer.createAnswer(offer));
        SdesKeys bobKeys = n.media().get(0).srtp().orElseThrow();
        assertThat(bobKeys.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        SdesKeys aliceKeys = ok(a.acceptAnswer(offer, wire(n.sdp()))).media().get(0).srtp().orElseThrow();
        assertThat(bobKeys.receiveContext().unprotectRtp(aliceKeys.sendContext().protectRtp(RTP))).isEqualTo(RTP);
        // a peer with the default suites takes the second line
        SdesKeys plainPeer = ok(bob(SrtpMode.REQUIRED, phone(6000)).createAnswer(offer)).media().get(0).srtp()
                .orElseThrow();
        assertThat(plainPeer.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(plainPeer.tag()).isEqualTo(2);
    }

    @Test
    void policyMismatchesRejectTheStream() {
        // SAVP offered to a UA with SRTP off
        Outcome.Failed f = failed(bob(SrtpMode.OFF, phone(6000))
                .createAnswer(wire(alice(SrtpMode.REQUIRED, phone(4000)).createOffer())));
        assertThat(f.status()).isEqualTo(488);
        assertThat(f.reason()).contains("SRTP is off");
        // plain RTP offered to a UA that requires SRTP
        assertThat(failed(bob(SrtpMode.REQUIRED, phone(6000))
                .createAnswer(wire(alice(SrtpMode.OFF, phone(4000)).createOffer()))).reason())
                .contains("SRTP is required");
        // a best-effort offer (RTP/AVP with a=crypto) to a UA that requires SRTP is taken, encrypted
        Outcome o = bob(SrtpMode.REQUIRED, phone(6000))
                .createAnswer(wire(alice(SrtpMode.OPTIONAL, phone(4000)).createOffer()));
        assertThat(o).isInstanceOf(Outcome.Negotiated.class);
        Outcome.Negotiated n = (Outcome.Negotiated) o;
        assertThat(n.media().get(0).secure()).isTrue();
        assertThat(wire(n.sdp()).media(0).proto()).isEqualTo("RTP/AVP");
        assertThat(wire(n.sdp()).media(0).cryptos()).hasSize(1);
    }

    @Test
    void savpOfferWithoutUsableCryptoIsRejected() {
        SessionDescription offer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 5004 RTP/SAVP 0\r\n"
                + "a=crypto:1 AES_256_CM_HMAC_SHA1_80 inline:8AbZePWwsKhLGX3GlXA+yHYPQ3cgraer/9DkFJYCOPZZy3o9wC0NIbIFYZfyHw==\r\n");
        assertThat(failed(bob(SrtpMode.OPTIONAL, phone(6000)).createAnswer(offer)).reason())
                .contains("no acceptable a=crypto");
    }

    @Test
    void answerWithoutCryptoToASavpOfferIsRefused() {
        OfferAnswer a = alice(SrtpMode.REQUIRED, phone(4000));
        SessionDescription offer = wire(a.createOffer());
        SessionDescription answer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 5004 RTP/SAVP 0\r\n");
        assertThat(failed(a.acceptAnswer(offer, answer)).reason()).contains("no a=crypto for RTP/SAVP");
        SessionDescription wrongTag = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\n"
                + "c=IN IP4 192.0.2.9\r\nt=0 0\r\nm=audio 5004 RTP/SAVP 0\r\n"
                + "a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv\r\n");
        assertThat(failed(a.acceptAnswer(offer, wrongTag)).reason()).contains("tag 7 was not offered");
    }
}
