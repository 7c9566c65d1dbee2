package io.callisto.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.sdp.Crypto;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SdesTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<SrtpProfile> BOTH = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            SrtpProfile.AES_CM_128_HMAC_SHA1_32);

    @Test
    void offerHasOneLinePerProfileWithDistinctFreshKeys() {
        List<Crypto> offer = Sdes.offer(BOTH, RANDOM);
        assertThat(offer).extracting(Crypto::tag).containsExactly(1, 2);
        assertThat(offer).extracting(Crypto::suite).containsExactly("AES_CM_128_HMAC_SHA1_80",
                "AES_CM_128_HMAC_SHA1_32");
        assertThat(offer.get(0).key().keySaltBytes().orElseThrow()).hasSize(30);
        assertThat(offer.get(0).key().keySalt()).isNotEqualTo(offer.get(1).key().keySalt());
        assertThat(offer.get(0).toString()).startsWith("1 AES_CM_128_HMAC_SHA1_80 inline:");
    }

    @Test
    void answerPicksFirstSupportedLineKeepsTagAndUsesANewKey() {
        List<Crypto> offer = List.of(
                Crypto.parse("1 AES_256_CM_HMAC_SHA1_80 inline:8AbZePWwsKhLGX3GlXA+yHYPQ3cgraer/9DkFJYCOPZZy3o9wC0NIbIFYZfyHw=="),
                Crypto.parse("2 AES_CM_128_HMAC_SHA1_32 inline:VAzLKvoE3jG9cdH/AZsl/ZqWNXrUzyM4Gw6chrFr"),
                Crypto.parse("3 AES_CM_128_HMAC_SHA1_80 inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv"));
        SrtpMasterKey own = SrtpMasterKey.random(RANDOM);
        Sdes.Selection s = Sdes.select(offer, BOTH, own).orElseThrow();
        assertThat(s.answer().tag()).isEqualTo(2);
        assertThat(s.answer().suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
        assertThat(s.keys().send().masterKey()).isEqualTo(own);
        assertThat(s.keys().receive().masterKey().keyAndSalt())
                .isEqualTo(offer.get(1).key().keySaltBytes().orElseThrow());
        // only the 80-bit suite supported: tag 3
        assertThat(Sdes.select(offer, List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80), own).orElseThrow()
                .answer().tag()).isEqualTo(3);
    }

    @Test
    void unsupportedParametersAndBadKeysAreSkipped() {
        SrtpMasterKey own = SrtpMasterKey.random(RANDOM);
        List<Crypto> offer = List.of(
                Crypto.parse("1 AES_CM_128_HMAC_SHA1_80 inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv UNENCRYPTED_SRTP"),
                Crypto.parse("2 AES_CM_128_HMAC_SHA1_80 inline:AAAA"), // 3 bytes, not 30
                Crypto.parse("3 AES_CM_128_HMAC_SHA1_80 inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv KDR=99"));
        assertThat(Sdes.select(offer, BOTH, own)).isEmpty();
    }

    @Test
    void lifetimeMkiKdrAndWindowHintAreApplied() {
        Crypto c = Crypto.parse("7 AES_CM_128_HMAC_SHA1_80 "
                + "inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv|2^20|1:4 KDR=4 WSH=512");
        Sdes.Selection s = Sdes.select(List.of(c), BOTH, SrtpMasterKey.random(RANDOM)).orElseThrow();
        SrtpPolicy rx = s.keys().receive();
        assertThat(rx.lifetime()).isEqualTo(1L << 20);
        assertThat(rx.mki()).containsExactly(0, 0, 0, 1);
        assertThat(rx.keyDerivationRate()).isEqualTo(16);
        assertThat(rx.replayWindow()).isEqualTo(512);
        assertThat(s.keys().send().mki()).isEmpty();
    }

    @Test
    void offererChecksTheAnswer() {
        List<Crypto> offer = Sdes.offer(BOTH, RANDOM);
        SrtpMasterKey answererKey = SrtpMasterKey.random(RANDOM);
        Sdes.Selection s = Sdes.select(offer, BOTH, answererKey).orElseThrow();
        Sdes.Result r = Sdes.accept(offer, List.of(s.answer()));
        assertThat(r.ok()).isTrue();
        assertThat(r.keys().receive().masterKey()).isEqualTo(answererKey);
        // the two sides' contexts interoperate
        byte[] rtp = SrtpContextTest.rtp(1, 42, 160, new java.util.Random(1));
        assertThat(s.keys().receiveContext().unprotectRtp(r.keys().sendContext().protectRtp(rtp))).isEqualTo(rtp);
        assertThat(r.keys().receiveContext().unprotectRtp(s.keys().sendContext().protectRtp(rtp))).isEqualTo(rtp);

        assertThat(Sdes.accept(offer, List.of()).error()).contains("no a=crypto");
        assertThat(Sdes.accept(offer, List.of(Sdes.crypto(9, SrtpProfile.AES_CM_128_HMAC_SHA1_80, answererKey)))
                .error()).contains("not offered");
        assertThat(Sdes.accept(offer, List.of(Sdes.crypto(1, SrtpProfile.AES_CM_128_HMAC_SHA1_32, answererKey)))
                .error()).contains("suite");
        assertThat(Sdes.accept(offer, List.of(offer.get(0))).error()).contains("reuses");
        assertThat(Sdes.accept(offer, List.of(s.answer(), s.answer())).error()).contains("one is allowed");
    }

    @Test
    void mkiBytesAreBigEndian() {
        assertThat(Sdes.mkiBytes(258, 2)).containsExactly(1, 2);
        assertThat(Sdes.mkiBytes(1, 4)).containsExactly(0, 0, 0, 1);
        assertThat(Optional.of(Sdes.mkiBytes(255, 1))).hasValueSatisfying(b -> assertThat(b).containsExactly(-1));
    }
}
