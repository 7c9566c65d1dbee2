package io.callisto.bench.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.rtp.RtpPacket;
import io.callisto.media.srtp.SdesKeys;
import io.callisto.media.srtp.SrtpMasterKey;
import io.callisto.media.srtp.SrtpPolicy;
import io.callisto.media.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LegTransformTest {

    private static final SrtpProfile SUITE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
    private static final long OURS = 0x11223344L;

    private static byte[] rtp(long ssrc, int seq) {
        return RtpPacket.of(false, 0, seq, 160L * seq, ssrc, new byte[160]).toBytes();
    }

    private static long ssrc(byte[] p) {
        return RtpPacket.parse(p).value().ssrc();
    }

    private static SdesKeys keys(SrtpMasterKey own, SrtpMasterKey peer) {
        return new SdesKeys(SUITE, 1, SrtpPolicy.of(SUITE, own), SrtpPolicy.of(SUITE, peer));
    }

    @Test
    void aReflectedPlainPacketGetsAnotherSsrcAndThePeersAreUntouched() {
        LegTransform t = new LegTransform(false);
        byte[] sent = t.protectRtp(rtp(OURS, 1));
        byte[] back = t.unprotectRtp(sent.clone());
        assertThat(ssrc(back)).isEqualTo(~OURS & 0xFFFFFFFFL);
        assertThat(Arrays.copyOfRange(back, 12, back.length)).isEqualTo(Arrays.copyOfRange(sent, 12, sent.length));
        byte[] peer = rtp(0x55667788L, 7);
        assertThat(t.unprotectRtp(peer.clone())).isEqualTo(peer);
    }

    @Test
    void ourOwnRtcpReflectedIsDropped() {
        LegTransform t = new LegTransform(false);
        t.protectRtp(rtp(OURS, 1));
        byte[] rr = {(byte) 0x80, (byte) 201, 0, 1, 0x11, 0x22, 0x33, 0x44};
        assertThat(t.unprotectRtcp(rr)).isNull();
        byte[] theirs = {(byte) 0x80, (byte) 201, 0, 1, 0x55, 0x66, 0x77, (byte) 0x88};
        assertThat(t.unprotectRtcp(theirs)).isEqualTo(theirs);
    }

    @Test
    void srtpReadsReflectedPacketsWithOurKeyAndThePeersWithTheirs() {
        SecureRandom random = new SecureRandom();
        SrtpMasterKey own = SrtpMasterKey.random(random, SUITE);
        SrtpMasterKey peer = SrtpMasterKey.random(random, SUITE);
        LegTransform t = new LegTransform(true);
        assertThat(t.ready()).isFalse();
        t.keys(keys(own, peer), true);
        assertThat(t.ready()).isTrue();

        byte[] plain = rtp(OURS, 1);
        byte[] protectedPacket = t.protectRtp(plain.clone());
        assertThat(protectedPacket).isNotEqualTo(plain);
        byte[] reflected = t.unprotectRtp(protectedPacket.clone());
        assertThat(ssrc(reflected)).isEqualTo(~OURS & 0xFFFFFFFFL);
        assertThat(Arrays.copyOfRange(reflected, 12, reflected.length))
                .isEqualTo(Arrays.copyOfRange(plain, 12, plain.length));

        // the peer protects with its own key (our receive key)
        byte[] fromPeer = keys(peer, own).sendContext().protectRtp(rtp(0x55667788L, 3));
        assertThat(ssrc(t.unprotectRtp(fromPeer))).isEqualTo(0x55667788L);
        // a packet under another key fails authentication: dropped
        byte[] forged = keys(SrtpMasterKey.random(random, SUITE), own).sendContext().protectRtp(rtp(0x55667788L, 4));
        assertThat(t.unprotectRtp(forged)).isNull();
    }

    @Test
    void inPlaceTheSessionsArraysCarryTheSamePackets() {
        SecureRandom random = new SecureRandom();
        SrtpMasterKey own = SrtpMasterKey.random(random, SUITE);
        SrtpMasterKey peer = SrtpMasterKey.random(random, SUITE);
        LegTransform t = new LegTransform(true);
        t.keys(keys(own, peer), true);
        assertThat(t.rtpOverhead()).isEqualTo(10);

        byte[] plain = rtp(OURS, 1);
        byte[] buffer = Arrays.copyOf(plain, 256); // a session's send array: room after the packet
        int n = t.protectRtpInPlace(buffer, plain.length);
        assertThat(n).isEqualTo(plain.length + 10);
        // a reflector sends it back; read into a receive array
        byte[] in = Arrays.copyOf(buffer, 2048);
        int m = t.unprotectRtpInPlace(in, n);
        assertThat(m).isEqualTo(plain.length);
        assertThat(ssrc(Arrays.copyOf(in, m))).isEqualTo(~OURS & 0xFFFFFFFFL);
        assertThat(Arrays.copyOfRange(in, 12, m)).isEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
        byte[] fromPeer = keys(peer, own).sendContext().protectRtp(rtp(0x55667788L, 3));
        byte[] in2 = Arrays.copyOf(fromPeer, 2048);
        assertThat(t.unprotectRtpInPlace(in2, fromPeer.length)).isEqualTo(fromPeer.length - 10);
        assertThat(ssrc(Arrays.copyOf(in2, fromPeer.length - 10))).isEqualTo(0x55667788L);
    }

    @Test
    void withoutThePeersKeyOnlyReflectedPacketsAreRead() {
        SecureRandom random = new SecureRandom();
        SrtpMasterKey own = SrtpMasterKey.random(random, SUITE);
        LegTransform t = new LegTransform(true);
        t.keys(keys(own, own), false);
        byte[] back = t.unprotectRtp(t.protectRtp(rtp(OURS, 1)));
        assertThat(back).isNotNull();
        byte[] fromPeer = keys(own, own).sendContext().protectRtp(rtp(0x55667788L, 3));
        assertThat(t.unprotectRtp(fromPeer)).isNull();
    }
}
