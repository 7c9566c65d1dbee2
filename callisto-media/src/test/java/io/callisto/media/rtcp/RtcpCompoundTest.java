package io.callisto.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.rtp.ParseResult;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {

    private static final HexFormat HEX = HexFormat.of();

    private static final ReportBlock BLOCK = new ReportBlock(0x11223344L, 64, -3, 0x0001FFFFL, 250, 0xB7052000L,
            0x00054000L);

    @Test
    void roundTripsSenderReportSdesAndBye() {
        List<RtcpPacket> packets = List.of(
                new SenderReport(0xCAFEBABEL, 0xE1234567_89ABCDEFL, 123456, 50, 8000, List.of(BLOCK)),
                SourceDescription.cname(0xCAFEBABEL, "alice@example.com"),
                new Bye(List.of(0xCAFEBABEL), "done"));
        byte[] bytes = RtcpCompound.write(packets);
        assertThat(bytes.length % 4).isZero();
        // SR header: V=2, RC=1, PT=200, length (28 + 24) / 4 - 1 + 1 = 12 words after the header
        assertThat(HEX.formatHex(bytes, 0, 4)).isEqualTo("81c8000c");
        List<RtcpPacket> back = RtcpCompound.parse(bytes).value();
        assertThat(back).hasSize(3);
        SenderReport sr = (SenderReport) back.get(0);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xE1234567_89ABCDEFL);
        assertThat(sr.packetCount()).isEqualTo(50);
        assertThat(sr.reports()).containsExactly(BLOCK);
        assertThat(((SourceDescription) back.get(1)).chunks().get(0).cname()).isEqualTo("alice@example.com");
        assertThat(back.get(2)).isEqualTo(new Bye(List.of(0xCAFEBABEL), "done"));
    }

    @Test
    void reportBlockKeepsSignedCumulativeLossAndFraction() {
        byte[] bytes = RtcpCompound.write(List.of(new ReceiverReport(1, List.of(BLOCK))));
        // cumulative lost -3 as 24-bit two's complement after the fraction octet 0x40
        assertThat(HEX.formatHex(bytes, 12, 16)).isEqualTo("40fffffd");
        ReportBlock back = ((ReceiverReport) RtcpCompound.parse(bytes).value().get(0)).reports().get(0);
        assertThat(back.cumulativeLost()).isEqualTo(-3);
        assertThat(back.fractionLostRatio()).isEqualTo(0.25);
    }

    @Test
    void sdesChunksEndOnAWordBoundaryForEveryNameLength() {
        for (int n = 1; n <= 9; n++) {
            String cname = "x".repeat(n);
            byte[] bytes = RtcpCompound.write(List.of(new ReceiverReport(1, List.of()),
                    new SourceDescription(List.of(new SourceDescription.Chunk(5, Map.of(1, cname, 2, "Bob"))))));
            List<RtcpPacket> back = RtcpCompound.parse(bytes).value();
            SourceDescription.Chunk chunk = ((SourceDescription) back.get(1)).chunks().get(0);
            assertThat(chunk.cname()).isEqualTo(cname);
            assertThat(chunk.items()).containsEntry(2, "Bob");
        }
    }

    @Test
    void appliesTheValidityChecksOfAppendixA2() {
        byte[] rr = RtcpCompound.write(List.of(new ReceiverReport(1, List.of())));
        byte[] sdes = RtcpCompound.write(List.of(SourceDescription.cname(1, "a")));
        assertThat(RtcpCompound.parse(sdes).error()).contains("not SR or RR");
        byte[] v1 = rr.clone();
        v1[0] = 0x40;
        assertThat(RtcpCompound.parse(v1).error()).contains("version 1");
        byte[] longer = HEX.parseHex("80c90002" + "00000001");
        assertThat(RtcpCompound.parse(longer).error()).contains("lengths must add up");
        byte[] paddedFirst = concat(rr, sdes);
        paddedFirst[0] |= 0x20;
        assertThat(RtcpCompound.parse(paddedFirst).error()).contains("padding on a packet that is not the last");
        assertThat(RtcpCompound.parse(new byte[3]).error()).contains("shorter");
        assertThat(RtcpCompound.parse(HEX.parseHex("80c9000100000001ff")).error()).contains("multiple of 4");
        assertThat(RtcpCompound.parse(HEX.parseHex("81c9000100000001")).error()).contains("RR too short");
        assertThat(RtcpCompound.parse(HEX.parseHex("80c900010000000181ca000100000001")).error())
                .contains("no terminating null item");
        assertThat(RtcpCompound.parse(HEX.parseHex("80c900010000000181cb0000")).error()).contains("BYE too short");
        // a padded last packet is fine
        byte[] padded = HEX.parseHex("a0c90002" + "00000001" + "00000004");
        assertThat(RtcpCompound.parse(padded).isOk()).isTrue();
    }

    @Test
    void keepsUnknownPacketTypes() {
        byte[] bytes = concat(RtcpCompound.write(List.of(new ReceiverReport(1, List.of()))),
                HEX.parseHex("83cc0002" + "00000001" + "41424344"));
        List<RtcpPacket> back = RtcpCompound.parse(bytes).value();
        assertThat(back.get(1)).isInstanceOf(OtherRtcp.class);
        assertThat(RtcpCompound.write(back)).isEqualTo(bytes);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[4 * random.nextInt(20)];
            random.nextBytes(b);
            if (b.length >= 4) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
                b[1] = (byte) (random.nextBoolean() ? 200 : 201);
                b[2] = 0;
                b[3] = (byte) random.nextInt(b.length / 4 + 1);
            }
            ParseResult<List<RtcpPacket>> r = RtcpCompound.parse(b);
            assertThat(r.isOk() ^ r.error() != null).isTrue();
        }
    }

    @Test
    void ntpTimeConversions() {
        assertThat(NtpTime.fromUnixMillis(0)).isEqualTo(NtpTime.UNIX_EPOCH_OFFSET << 32);
        assertThat(NtpTime.fromUnixMillis(1500) & 0xFFFFFFFFL).isEqualTo(0x80000000L);
        assertThat(NtpTime.middle32(0x0000B710_80000000L)).isEqualTo(0xB7108000L);
        assertThat(NtpTime.shortUnitsToMillis(0x00054000L)).isEqualTo(5250.0);
        assertThat(NtpTime.millisToShortUnits(5250)).isEqualTo(0x00054000L);
    }

    @Test
    void roundTripOfTheExampleInSection6_4_1() {
        // RFC 3550 §6.4.1 figure: A = 0xb710:8000 (46864.500 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.250 s) -> delay 0x0006:2000 (6.125 s)
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, 0xB7052000L, 0x00054000L);
        assertThat(block.roundTrip(0xB7108000L)).isEqualTo(0x00062000L);
        assertThat(NtpTime.shortUnitsToMillis(block.roundTrip(0xB7108000L))).isEqualTo(6125.0);
        assertThat(new ReportBlock(1, 0, 0, 0, 0, 0, 0).roundTrip(0xB7108000L)).isEqualTo(-1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
