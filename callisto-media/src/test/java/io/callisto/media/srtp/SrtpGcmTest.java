package io.callisto.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.sip.sdp.Crypto;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * AEAD_AES_128_GCM (RFC 7714). The known answers are libsrtp's {@code srtp_validate_gcm()} reference packets
 * (test/srtp_driver.c): key 000102..0f, salt a0a1..ab, SSRC 0xcafebabe, 16-byte tags.
 */
class SrtpGcmTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_SALT = HEX.parseHex("000102030405060708090a0b0c0d0e0fa0a1a2a3a4a5a6a7a8a9aaab");
    private static final byte[] RTP = HEX.parseHex("800f1234decafbadcafebabeabababababababababababababababab");
    private static final byte[] SRTP = HEX.parseHex("800f1234decafbadcafebabe"
            + "c5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392");
    private static final byte[] RTCP = HEX.parseHex("81c8000bcafebabeabababababababababababababababab");
    private static final byte[] SRTCP_INDEX_1 = HEX.parseHex("81c8000bcafebabe"
            + "c98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");

    private static SrtpContext context() {
        return new SrtpContext(SrtpPolicy.of(SrtpProfile.AEAD_AES_128_GCM,
                SrtpMasterKey.ofKeyAndSalt(KEY_SALT, SrtpProfile.AEAD_AES_128_GCM)));
    }

    @Test
    void inPlaceGivesTheReferencePacketsInOneArray() {
        byte[] buffer = new byte[64];
        System.arraycopy(RTP, 0, buffer, 0, RTP.length);
        int n = context().protectRtpInPlace(buffer, RTP.length);
        assertThat(Arrays.copyOf(buffer, n)).isEqualTo(SRTP);
        SrtpContext rx = context();
        int m = rx.unprotectRtpInPlace(buffer, n);
        assertThat(Arrays.copyOf(buffer, m)).isEqualTo(RTP);
        System.arraycopy(SRTP, 0, buffer, 0, SRTP.length);
        assertThat(rx.unprotectRtpInPlace(buffer, SRTP.length)).isEqualTo(-1); // replayed
    }

    @Test
    void protectsLikeLibsrtp() {
        SrtpContext tx = context();
        assertThat(tx.protectRtp(RTP)).isEqualTo(SRTP);
        tx.protectRtcp(RTCP); // index 0: libsrtp's reference packet has index 1
        assertThat(tx.protectRtcp(RTCP)).isEqualTo(SRTCP_INDEX_1);
    }

    @Test
    void unprotectsLibsrtpPacketsAndRefusesTamperingAndReplay() {
        SrtpContext rx = context();
        byte[] bad = SRTP.clone();
        bad[20] ^= 1;
        assertThat(rx.unprotectRtp(bad)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.AUTH_FAILED);
        byte[] badHeader = SRTP.clone();
        badHeader[5] ^= 1; // the header is authenticated as AAD
        assertThat(rx.unprotectRtp(badHeader)).isNull();
        assertThat(rx.unprotectRtp(SRTP)).isEqualTo(RTP);
        assertThat(rx.unprotectRtp(SRTP)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.REPLAYED);
        byte[] badIndex = SRTCP_INDEX_1.clone();
        badIndex[badIndex.length - 1] = 2; // the E || index word is authenticated as AAD
        assertThat(rx.unprotectRtcp(badIndex)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.AUTH_FAILED);
        assertThat(rx.unprotectRtcp(SRTCP_INDEX_1)).isEqualTo(RTCP);
        assertThat(rx.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(3);
    }

    @Test
    void roundTripsAcrossTheWrapWithMki() {
        SrtpPolicy p = SrtpPolicy.of(SrtpProfile.AEAD_AES_128_GCM,
                SrtpMasterKey.ofKeyAndSalt(KEY_SALT, SrtpProfile.AEAD_AES_128_GCM)).withMki(new byte[] {7});
        SrtpContext tx = new SrtpContext(p);
        SrtpContext rx = new SrtpContext(p);
        Random r = new Random(12);
        for (int i = 0; i < 100; i++) {
            byte[] rtp = SrtpContextTest.rtp((65_500 + i) & 0xffff, 5, 160, r);
            byte[] srtp = tx.protectRtp(rtp);
            assertThat(srtp).hasSize(rtp.length + 16 + 1);
            assertThat(srtp[srtp.length - 1]).isEqualTo((byte) 7);
            assertThat(rx.unprotectRtp(srtp)).isEqualTo(rtp);
        }
        byte[] c = tx.protectRtcp(RTCP);
        assertThat(c).hasSize(RTCP.length + 16 + 4 + 1);
        assertThat(rx.unprotectRtcp(c)).isEqualTo(RTCP);
    }

    @Test
    void sdesNegotiatesGcmWith28ByteKeys() {
        SecureRandom random = new SecureRandom();
        List<Crypto> offer = Sdes.offer(List.of(SrtpProfile.AEAD_AES_128_GCM), random);
        assertThat(offer.get(0).suite()).isEqualTo("AEAD_AES_128_GCM");
        assertThat(offer.get(0).key().keySaltBytes().orElseThrow()).hasSize(28);
        Sdes.Selection s = Sdes.select(offer, List.of(SrtpProfile.AEAD_AES_128_GCM),
                SrtpMasterKey.random(random)).orElseThrow();
        assertThat(s.answer().key().keySaltBytes().orElseThrow()).hasSize(28);
        Sdes.Result r = Sdes.accept(offer, List.of(s.answer()));
        assertThat(r.ok()).isTrue();
        assertThat(s.keys().receiveContext().unprotectRtp(r.keys().sendContext().protectRtp(RTP))).isEqualTo(RTP);
        // a 30-byte key is invalid for GCM
        Crypto wrong = Crypto.parse("1 AEAD_AES_128_GCM inline:cJOJ7kxQjhFBp2fP6AYjs3vKw7CeBdWZCj0isbJv");
        assertThat(Sdes.select(List.of(wrong), List.of(SrtpProfile.AEAD_AES_128_GCM),
                SrtpMasterKey.random(random))).isEmpty();
        assertThat(Arrays.asList(SrtpProfile.values())).contains(SrtpProfile.AEAD_AES_128_GCM);
    }
}
