package io.callisto.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void aHeaderWrittenInPlaceWithTheFrameEncodedAfterItIsThePacketsWireForm() {
        short[] frame = new io.callisto.media.audio.ToneGenerator(8000, 9000, 1000).generate(160);
        for (io.callisto.media.codec.G711Codec codec : io.callisto.media.codec.G711Codec.values()) {
            for (boolean marker : new boolean[] {true, false}) {
                byte[] inPlace = new byte[RtpPacket.FIXED_HEADER + codec.encodedLength(frame.length)];
                RtpPacket.writeFixedHeader(inPlace, marker, codec.payloadType(), 65535, 0xFFFFFFFFL, 0x89ABCDEFL);
                int n = codec.encode(frame, 0, frame.length, inPlace, RtpPacket.FIXED_HEADER);
                byte[] viaRecord = RtpPacket.of(marker, codec.payloadType(), 65535, 0xFFFFFFFFL, 0x89ABCDEFL,
                        codec.encode(frame, 0, frame.length)).toBytes();
                assertThat(n).isEqualTo(160);
                assertThat(inPlace).as("%s marker=%s", codec, marker).isEqualTo(viaRecord);
            }
        }
    }

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void writesTheFixedHeaderOfRfc3550Section5() {
        RtpPacket p = RtpPacket.of(true, 0, 0x1234, 0xDEADBEEFL, 0xCAFEBABEL, new byte[] {1, 2, 3});
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("80801234deadbeefcafebabe010203");
        RtpPacket parsed = RtpPacket.parse(p.toBytes()).value();
        assertThat(parsed).isEqualTo(p);
        assertThat(parsed.marker()).isTrue();
        assertThat(parsed.timestamp()).isEqualTo(0xDEADBEEFL);
    }

    @Test
    void roundTripsCsrcsExtensionAndPadding() {
        RtpPacket p = new RtpPacket(false, 101, 65535, 0xFFFFFFFFL, 1, new long[] {7, 0xFFFFFFFFL},
                new RtpPacket.HeaderExtension(0xBEDE, new byte[] {0x10, 0x55, 0, 0}), new byte[] {9, 9}, 6);
        byte[] bytes = p.toBytes();
        assertThat(bytes).hasSize(12 + 8 + 8 + 2 + 6);
        assertThat(bytes[0] & 0xFF).isEqualTo(0x80 | 0x20 | 0x10 | 2);
        assertThat(bytes[bytes.length - 1]).isEqualTo((byte) 6);
        RtpPacket back = RtpPacket.parse(bytes).value();
        assertThat(back).isEqualTo(p);
        assertThat(back.payload()).containsExactly(9, 9);
        assertThat(back.csrcs()).containsExactly(7, 0xFFFFFFFFL);
        assertThat(back.extension().profile()).isEqualTo(0xBEDE);
    }

    @Test
    void refusesMalformedPacketsWithAReason() {
        assertThat(RtpPacket.parse(null).error()).isEqualTo("no data");
        assertThat(RtpPacket.parse(new byte[11]).error()).contains("shorter than the 12-byte");
        assertThat(RtpPacket.parse(HEX.parseHex("400000000000000000000000")).error()).contains("version 1");
        assertThat(RtpPacket.parse(HEX.parseHex("a00000000000000000000000")).error()).contains("padding count is 0");
        assertThat(RtpPacket.parse(HEX.parseHex("a000000000000000000000ff")).error()).contains("runs past");
        assertThat(RtpPacket.parse(HEX.parseHex("810000000000000000000000")).error()).contains("CSRC");
        assertThat(RtpPacket.parse(HEX.parseHex("90000000000000000000000000000001")).error())
                .contains("header extension of 1 words");
        assertThat(RtpPacket.parse(HEX.parseHex("900000000000000000000000")).error()).contains("extension header");
        assertThat(RtpPacket.parse(new byte[20], 10, 20).error()).isEqualTo("bad buffer bounds");
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        int ok = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (random.nextBoolean() && b.length > 0) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F)); // version 2 half of the time to go deeper
            }
            ParseResult<RtpPacket> r = RtpPacket.parse(b);
            assertThat(r.isOk() ^ r.error() != null).isTrue();
            if (r.isOk()) {
                ok++;
                assertThat(RtpPacket.parse(r.value().toBytes()).value()).isEqualTo(r.value());
            }
        }
        assertThat(ok).isPositive();
    }

    @Test
    void builderRefusesOutOfRangeFields() {
        assertThatThrownBy(() -> RtpPacket.of(false, 128, 0, 0, 0, null)).hasMessageContaining("payload type");
        assertThatThrownBy(() -> RtpPacket.of(false, 0, 65536, 0, 0, null)).hasMessageContaining("sequence");
        assertThatThrownBy(() -> new RtpPacket(false, 0, 0, 0, 0, new long[16], null, null, 0))
                .hasMessageContaining("15 CSRCs");
        assertThatThrownBy(() -> new RtpPacket.HeaderExtension(1, new byte[3])).hasMessageContaining("multiple of 4");
    }

    @Test
    void portRangeIsEvenAndParsed() {
        assertThat(PortRange.parse("10001-10010")).isEqualTo(new PortRange(10002, 10010));
        assertThat(new PortRange(10001, 10010).pairs()).isEqualTo(4);
        assertThatThrownBy(() -> PortRange.parse("abc")).hasMessageContaining("10000-20000");
        assertThatThrownBy(() -> new PortRange(10000, 10000)).hasMessageContaining("no even/odd pair");
        assertThatThrownBy(() -> new PortRange(80, 10000)).hasMessageContaining("1024..65535");
    }
}
