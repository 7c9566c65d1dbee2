package io.callisto.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SRTP/SRTCP packets end to end. The known-answer vectors are libsrtp's {@code srtp_validate()} reference packets
 * (test/srtp_driver.c): default policy AES_CM_128_HMAC_SHA1_80, SSRC 0xcafebabe, master key||salt
 * e1f97a0d...aabe6 (the RFC 3711 B.3 key and salt).
 */
class SrtpContextTest {

    private static final HexFormat HEX = HexFormat.of();
    static final byte[] KEY_SALT = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de41390ec675ad498afeebb6960b3aabe6");
    private static final byte[] RTP = HEX.parseHex("800f1234decafbadcafebabeabababababababababababababababab");
    private static final byte[] SRTP_80 = HEX.parseHex(
            "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
    private static final byte[] RTCP = HEX.parseHex("81c8000bcafebabeabababababababababababababababab");
    private static final byte[] SRTCP_INDEX_1 = HEX.parseHex(
            "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");

    static SrtpContext context(SrtpProfile profile) {
        return new SrtpContext(SrtpPolicy.of(profile, SrtpMasterKey.ofKeyAndSalt(KEY_SALT)));
    }

    @Test
    void protectsRtpLikeLibsrtp() {
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).protectRtp(RTP)).isEqualTo(SRTP_80);
        // the 32-bit profile has the same keystream and a tag that is the first 4 bytes of the 80-bit one
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_32).protectRtp(RTP))
                .isEqualTo(Arrays.copyOf(SRTP_80, RTP.length + 4));
    }

    @Test
    void unprotectsLibsrtpPackets() {
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).unprotectRtp(SRTP_80)).isEqualTo(RTP);
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).unprotectRtcp(SRTCP_INDEX_1)).isEqualTo(RTCP);
    }

    @Test
    void inPlaceGivesTheReferencePacketsInOneArray() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        byte[] buffer = new byte[64];
        System.arraycopy(RTP, 0, buffer, 0, RTP.length);
        assertThat(tx.rtpOverhead()).isEqualTo(10);
        int n = tx.protectRtpInPlace(buffer, RTP.length);
        assertThat(Arrays.copyOf(buffer, n)).isEqualTo(SRTP_80);

        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        int m = rx.unprotectRtpInPlace(buffer, n);
        assertThat(Arrays.copyOf(buffer, m)).isEqualTo(RTP);
        // the same packet again, read into the same array: a replay
        System.arraycopy(SRTP_80, 0, buffer, 0, SRTP_80.length);
        assertThat(rx.unprotectRtpInPlace(buffer, SRTP_80.length)).isEqualTo(-1);
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.REPLAYED);
        byte[] forged = SRTP_80.clone();
        forged[20] ^= 1;
        System.arraycopy(forged, 0, buffer, 0, forged.length);
        assertThat(context(SrtpProfile.AES_CM_128_HMAC_SHA1_80).unprotectRtpInPlace(buffer, forged.length))
                .isEqualTo(-1);
        assertThat(rx.unprotectRtpInPlace(buffer, 5)).isEqualTo(-1);
    }

    @Test
    void inPlaceNeedsRoomForTheTag() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tx.protectRtpInPlace(RTP.clone(), RTP.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no room");
    }

    @Test
    void protectsRtcpLikeLibsrtp() {
        // RFC 3711 §3.4 starts the SRTCP index at 0; libsrtp's reference packet is its first, sent with index 1,
        // so it is our second
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        byte[] first = tx.protectRtcp(RTCP);
        assertThat(Arrays.copyOfRange(first, RTCP.length, RTCP.length + 4)).isEqualTo(HEX.parseHex("80000000"));
        assertThat(tx.protectRtcp(RTCP)).isEqualTo(SRTCP_INDEX_1);
    }

    @Test
    void roundTripsAcrossTheSequenceNumberWrap() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        Random r = new Random(3);
        for (int i = 0; i < 300; i++) {
            byte[] rtp = rtp(65_400 + i, 0x1234_5678, 160, r);
            byte[] srtp = tx.protectRtp(rtp);
            assertThat(srtp).hasSize(rtp.length + 10);
            assertThat(rx.unprotectRtp(srtp)).as("packet %d", i).isEqualTo(rtp);
        }
        assertThat(rx.packets()).isEqualTo(300);
    }

    @Test
    void acceptsReorderedPacketsAcrossTheWrap() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        Random r = new Random(4);
        byte[][] plain = new byte[6][];
        byte[][] sent = new byte[6][];
        for (int i = 0; i < 6; i++) {
            plain[i] = rtp((65_533 + i) & 0xffff, 7, 20, r);
            sent[i] = tx.protectRtp(plain[i]);
        }
        for (int i : new int[] {0, 3, 1, 5, 2, 4}) { // 65533, 0, 65534, 2, 65535, 1
            assertThat(rx.unprotectRtp(sent[i])).as("packet %d", i).isEqualTo(plain[i]);
        }
    }

    @Test
    void flippedBitFailsAuthentication() {
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        for (int bit : new int[] {0, 8 * 3, 8 * 20, 8 * 37 + 7}) {
            byte[] bad = SRTP_80.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8)); // bit 0: CSRC count 1, still a valid header
            assertThat(rx.unprotectRtp(bad)).isNull();
        }
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.AUTH_FAILED);
        assertThat(rx.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(4);
        assertThat(rx.lastFailure().reason()).contains("authentication");
        // the failed packets did not disturb the state: the genuine one still passes
        assertThat(rx.unprotectRtp(SRTP_80)).isEqualTo(RTP);
    }

    @Test
    void wrongKeyFailsAuthentication() {
        byte[] other = KEY_SALT.clone();
        other[0] ^= 1;
        SrtpContext rx = new SrtpContext(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.ofKeyAndSalt(other)));
        assertThat(rx.unprotectRtp(SRTP_80)).isNull();
        assertThat(rx.unprotectRtcp(SRTCP_INDEX_1)).isNull();
        assertThat(rx.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(2);
    }

    @Test
    void replayedPacketIsRejected() {
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(rx.unprotectRtp(SRTP_80)).isEqualTo(RTP);
        assertThat(rx.unprotectRtp(SRTP_80)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.REPLAYED);
        assertThat(rx.unprotectRtcp(SRTCP_INDEX_1)).isEqualTo(RTCP);
        assertThat(rx.unprotectRtcp(SRTCP_INDEX_1)).isNull();
        assertThat(rx.failures(SrtpFailure.REPLAYED)).isEqualTo(2);
    }

    @Test
    void packetBehindTheWindowIsRejected() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpContext rx = new SrtpContext(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.ofKeyAndSalt(KEY_SALT)).withReplayWindow(64));
        Random r = new Random(5);
        byte[] old = tx.protectRtp(rtp(1000, 9, 10, r));
        byte[] inWindow = tx.protectRtp(rtp(1040, 9, 10, r));
        assertThat(rx.unprotectRtp(tx.protectRtp(rtp(1100, 9, 10, r)))).isNotNull();
        assertThat(rx.unprotectRtp(old)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.TOO_OLD);
        assertThat(rx.unprotectRtp(inWindow)).isNotNull();
    }

    @Test
    void rtcpRoundTripAndReplay() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_32);
        byte[] a = tx.protectRtcp(RTCP);
        byte[] b = tx.protectRtcp(RTCP);
        assertThat(a).hasSize(RTCP.length + 4 + 10); // SRTCP keeps an 80-bit tag in the _32 suite
        assertThat(rx.unprotectRtcp(b)).isEqualTo(RTCP);
        assertThat(rx.unprotectRtcp(a)).isEqualTo(RTCP);
        assertThat(rx.unprotectRtcp(a)).isNull();
        byte[] bad = tx.protectRtcp(RTCP);
        bad[10] ^= 0x40;
        assertThat(rx.unprotectRtcp(bad)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.AUTH_FAILED);
    }

    @Test
    void nonZeroKeyDerivationRateRoundTripsAndChangesKeys() {
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpMasterKey.ofKeyAndSalt(KEY_SALT))
                .withKeyDerivationRate(16);
        SrtpContext tx = new SrtpContext(policy);
        SrtpContext rx = new SrtpContext(policy);
        SrtpContext once = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        Random r = new Random(6);
        for (int seq = 0; seq < 40; seq++) {
            byte[] rtp = rtp(seq, 11, 30, r);
            byte[] p = tx.protectRtp(rtp);
            byte[] q = once.protectRtp(rtp);
            // epoch 0 (indices 0-15) uses the same keys as kdr 0; later epochs are re-keyed
            assertThat(Arrays.equals(p, q)).as("seq %d", seq).isEqualTo(seq < 16);
            assertThat(rx.unprotectRtp(p)).isEqualTo(rtp);
        }
        byte[] c = tx.protectRtcp(RTCP);
        assertThat(rx.unprotectRtcp(c)).isEqualTo(RTCP);
    }

    @Test
    void mkiIsCarriedAndChecked() {
        SrtpPolicy policy = SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpMasterKey.ofKeyAndSalt(KEY_SALT))
                .withMki(new byte[] {0, 0, 0, 1});
        SrtpContext tx = new SrtpContext(policy);
        SrtpContext rx = new SrtpContext(policy);
        byte[] p = tx.protectRtp(RTP);
        assertThat(p).hasSize(RTP.length + 4 + 10);
        assertThat(Arrays.copyOfRange(p, RTP.length, RTP.length + 4)).containsExactly(0, 0, 0, 1);
        // the MKI is not authenticated (§3.1): the tag is the one of the packet without MKI
        assertThat(Arrays.copyOfRange(p, RTP.length + 4, p.length))
                .isEqualTo(Arrays.copyOfRange(SRTP_80, RTP.length, SRTP_80.length));
        byte[] wrongMki = p.clone();
        wrongMki[RTP.length + 3] = 2;
        assertThat(rx.unprotectRtp(wrongMki)).isNull();
        assertThat(rx.lastFailure()).isEqualTo(SrtpFailure.UNKNOWN_MKI);
        assertThat(rx.unprotectRtp(p)).isEqualTo(RTP);
        assertThat(rx.unprotectRtcp(tx.protectRtcp(RTCP))).isEqualTo(RTCP);
    }

    @Test
    void lifetimeIsEnforced() {
        SrtpContext tx = new SrtpContext(SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                SrtpMasterKey.ofKeyAndSalt(KEY_SALT)).withLifetime(2));
        Random r = new Random(8);
        assertThat(tx.protectRtp(rtp(1, 1, 1, r))).isNotNull();
        assertThat(tx.protectRtp(rtp(2, 1, 1, r))).isNotNull();
        assertThat(tx.protectRtp(rtp(3, 1, 1, r))).isNull();
        assertThat(tx.lastFailure()).isEqualTo(SrtpFailure.KEY_EXPIRED);
    }

    @Test
    void headerWithCsrcsAndExtensionStaysInTheClear() {
        SrtpContext tx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        SrtpContext rx = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        byte[] rtp = rtp(5, 99, 24, new Random(9));
        // V=2, X=1, CC=1: 12 + 4 (CSRC) + 4 (extension header) + 4 (one extension word)
        byte[] full = new byte[12 + 4 + 8 + 24];
        System.arraycopy(rtp, 0, full, 0, 12);
        full[0] = (byte) 0x91;
        full[12 + 4 + 3] = 1; // extension length 1 word
        full[12 + 4 + 4] = 0x55;
        System.arraycopy(rtp, 12, full, 24, 24);
        byte[] p = tx.protectRtp(full);
        assertThat(Arrays.copyOf(p, 24)).isEqualTo(Arrays.copyOf(full, 24));
        assertThat(rx.unprotectRtp(p)).isEqualTo(full);
    }

    @Test
    void malformedPacketsAreDroppedWithoutExceptions() {
        SrtpContext c = context(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(c.protectRtp(new byte[5])).isNull();
        assertThat(c.lastFailure()).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(c.unprotectRtp(new byte[21])).isNull();
        assertThat(c.unprotectRtcp(new byte[10])).isNull();
        assertThat(c.protectRtcp(RTP)).isNull(); // PT 15 is not RTCP
        byte[] extBeyondEnd = RTP.clone();
        extBeyondEnd[0] = (byte) 0x90;
        assertThat(c.protectRtp(extBeyondEnd, 0, 14)).isNull();
        Random r = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(80)];
            r.nextBytes(junk);
            if (r.nextBoolean() && junk.length > 0) {
                junk[0] = (byte) (0x80 | junk[0] & 0x3f);
            }
            assertThat(c.unprotectRtp(junk)).isNull();
            assertThat(c.unprotectRtcp(junk)).isNull();
        }
        assertThat(c.failures(SrtpFailure.MALFORMED) + c.failures(SrtpFailure.AUTH_FAILED)).isEqualTo(40_005); // 5 above + 2 per junk packet
    }

    @Test
    void masterKeyValidation() {
        assertThat(SrtpMasterKey.ofKeyAndSalt(KEY_SALT).keyAndSalt()).isEqualTo(KEY_SALT);
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SrtpMasterKey.ofKeyAndSalt(new byte[29])).withMessageContaining("30 bytes");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> SrtpPolicy.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                        SrtpMasterKey.ofKeyAndSalt(KEY_SALT)).withKeyDerivationRate(3));
        assertThat(SrtpMasterKey.ofKeyAndSalt(KEY_SALT).toString()).doesNotContain("0ec675");
    }

    static byte[] rtp(int seq, int ssrc, int payload, Random r) {
        byte[] b = new byte[12 + payload];
        r.nextBytes(b);
        b[0] = (byte) 0x80;
        b[1] = 0;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        b[8] = (byte) (ssrc >>> 24);
        b[9] = (byte) (ssrc >>> 16);
        b[10] = (byte) (ssrc >>> 8);
        b[11] = (byte) ssrc;
        return b;
    }
}
