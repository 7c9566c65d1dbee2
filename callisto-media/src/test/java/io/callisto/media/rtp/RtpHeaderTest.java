package io.callisto.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpHeaderTest {

    @Test
    void readsAPacketInPlaceAtAnOffsetWithCsrcsExtensionAndPadding() {
        RtpPacket p = new RtpPacket(true, 96, 40000, 0xFFFFFFF0L, 0x01020304L, new long[] {7, 0xFFFFFFFFL},
                new RtpPacket.HeaderExtension(0xBEDE, new byte[] {9, 9, 9, 9, 8, 8, 8, 8}),
                new byte[] {10, 11, 12, 13, 14}, 3);
        byte[] wire = p.toBytes();
        byte[] buffer = new byte[wire.length + 20];
        Arrays.fill(buffer, (byte) 0x55); // bytes around the packet must not be read
        System.arraycopy(wire, 0, buffer, 7, wire.length);

        RtpHeader h = new RtpHeader();
        assertThat(h.read(buffer, 7, wire.length)).isNull();
        assertThat(h.marker()).isTrue();
        assertThat(h.payloadType()).isEqualTo(96);
        assertThat(h.sequence()).isEqualTo(40000);
        assertThat(h.timestamp()).isEqualTo(0xFFFFFFF0L);
        assertThat(h.ssrc()).isEqualTo(0x01020304L);
        assertThat(h.csrcCount()).isEqualTo(2);
        assertThat(h.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(h.extensionWords()).isEqualTo(2);
        assertThat(Arrays.copyOfRange(buffer, h.extensionOffset(), h.extensionOffset() + 8))
                .containsExactly(9, 9, 9, 9, 8, 8, 8, 8);
        assertThat(h.paddingBytes()).isEqualTo(3);
        assertThat(Arrays.copyOfRange(buffer, h.payloadOffset(), h.payloadOffset() + h.payloadLength()))
                .containsExactly(10, 11, 12, 13, 14);
    }

    @Test
    void aReusedHeaderDescribesEachPacketReadAndRefusalsKeepTheirReason() {
        RtpHeader h = new RtpHeader();
        assertThat(h.read(RtpPacket.of(false, 0, 1, 160, 5, new byte[160]).toBytes(), 0, 172)).isNull();
        assertThat(h.payloadLength()).isEqualTo(160);
        assertThat(h.read(new byte[] {(byte) 0x80, 0, 0}, 0, 3)).contains("shorter than the 12-byte");
        assertThat(h.read(new byte[12], 0, 12)).contains("RTP version 0");
        assertThat(h.read(new byte[12], 4, 12)).isEqualTo("bad buffer bounds");
        byte[] noPayload = RtpPacket.of(false, 8, 2, 320, 6, new byte[0]).toBytes();
        assertThat(h.read(noPayload, 0, noPayload.length)).isNull();
        assertThat(h.payloadType()).isEqualTo(8);
        assertThat(h.sequence()).isEqualTo(2);
        assertThat(h.extensionOffset()).isEqualTo(-1);
        assertThat(h.payloadLength()).isZero();
    }

    @Test
    void agreesWithTheRecordParserOnRandomBytes() {
        // RtpPacket.parse is built on RtpHeader; this checks the pair on arbitrary input, never throwing
        Random random = new Random(11);
        RtpHeader h = new RtpHeader();
        for (int i = 0; i < 20_000; i++) {
            byte[] data = new byte[random.nextInt(40)];
            random.nextBytes(data);
            if (data.length > 0 && random.nextBoolean()) {
                data[0] = (byte) (0x80 | data[0] & 0x3F); // version 2, so the deeper checks run
            }
            String error = h.read(data, 0, data.length);
            ParseResult<RtpPacket> parsed = RtpPacket.parse(data);
            assertThat(parsed.error()).isEqualTo(error);
            if (error == null) {
                RtpPacket p = parsed.value();
                assertThat(p.payload()).hasSize(h.payloadLength());
                assertThat(p.sequence()).isEqualTo(h.sequence());
                assertThat(p.csrcs()).hasSize(h.csrcCount());
                assertThat(p.length()).isEqualTo(data.length);
            }
        }
    }
}
