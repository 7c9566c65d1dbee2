package io.callisto.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

    @Test
    void muLawKnownValues() {
        assertThat(G711.linearToUlaw(0)).isEqualTo(0xFF);
        assertThat(G711.ulawToLinear(0xFF)).isEqualTo((short) 0);
        assertThat(G711.ulawToLinear(0x7F)).isEqualTo((short) 0); // "negative zero"
        assertThat(G711.ulawToLinear(0x80)).isEqualTo((short) 32124);
        assertThat(G711.ulawToLinear(0x00)).isEqualTo((short) -32124);
        assertThat(G711.linearToUlaw(32767)).isEqualTo(0x80);
        assertThat(G711.linearToUlaw(-32768)).isEqualTo(0x00);
        // first step of segment 0 at the 16-bit scale: codes 0xFE = 8, 0xFD = 16
        assertThat(G711.ulawToLinear(0xFE)).isEqualTo((short) 8);
        assertThat(G711.ulawToLinear(0xFD)).isEqualTo((short) 16);
        assertThat(G711.ulawToLinear(0xEF)).isEqualTo((short) 132); // segment 1 starts at biased 256
        assertThat(G711.linearToUlaw(8)).isEqualTo(0xFE);
        assertThat(G711.linearToUlaw(-8)).isEqualTo(0x7E);
    }

    @Test
    void aLawKnownValues() {
        assertThat(G711.linearToAlaw(0)).isEqualTo(0xD5);
        assertThat(G711.alawToLinear(0xD5)).isEqualTo((short) 8);
        assertThat(G711.alawToLinear(0x55)).isEqualTo((short) -8);
        assertThat(G711.alawToLinear(0xAA)).isEqualTo((short) 32256);
        assertThat(G711.alawToLinear(0x2A)).isEqualTo((short) -32256);
        assertThat(G711.linearToAlaw(32767)).isEqualTo(0xAA);
        assertThat(G711.linearToAlaw(-32768)).isEqualTo(0x2A);
        assertThat(G711.linearToAlaw(-1)).isEqualTo(0x55);
        // segment 1 begins at 256 (13-bit 32): code (1<<4)^0xD5 = 0xC5 decodes to 264
        assertThat(G711.alawToLinear(0xC5)).isEqualTo((short) 264);
        assertThat(G711.linearToAlaw(256)).isEqualTo(0xC5);
    }

    @Test
    void everyCodeRoundTrips() {
        for (int code = 0; code < 256; code++) {
            if (code != 0x7F) { // µ-law negative zero re-encodes as positive zero
                assertThat(G711.linearToUlaw(G711.ulawToLinear(code))).as("µ-law %02x", code).isEqualTo(code);
            }
            assertThat(G711.linearToAlaw(G711.alawToLinear(code))).as("A-law %02x", code).isEqualTo(code);
        }
    }

    @Test
    void decodingIsMonotonicInTheMagnitudeAndSymmetric() {
        for (int m = 1; m < 128; m++) {
            // µ-law: higher inverted code = larger magnitude
            assertThat(G711.ulawToLinear(~(0x80 | m) & 0xFF)).isLessThan(G711.ulawToLinear(~(0x80 | (m - 1)) & 0xFF));
            assertThat(G711.ulawToLinear(~m & 0xFF)).isEqualTo((short) -G711.ulawToLinear(~(m | 0x80) & 0xFF));
            assertThat(G711.alawToLinear((0x80 | m) ^ 0x55)).isGreaterThan(G711.alawToLinear((0x80 | (m - 1)) ^ 0x55));
            assertThat(G711.alawToLinear(m ^ 0x55)).isEqualTo((short) -G711.alawToLinear((m | 0x80) ^ 0x55));
        }
    }

    @Test
    void quantisationErrorStaysWithinHalfAStepOfTheSegment() {
        for (int x = -32768; x <= 32767; x += 7) {
            int u = G711.ulawToLinear(G711.linearToUlaw(x));
            int a = G711.alawToLinear(G711.linearToAlaw(x));
            int mag = Math.min(Math.abs(x), 32635);
            // step sizes double per segment: the error is at most ~1/32 of the magnitude plus the smallest step
            assertThat(Math.abs(u - Math.signum(x) * mag)).as("µ-law %d", x).isLessThanOrEqualTo(mag / 16 + 8);
            assertThat(Math.abs(a - x)).as("A-law %d", x).isLessThanOrEqualTo(Math.abs(x) / 16 + 16);
        }
    }

    @Test
    void codecsEncodeAndDecodeFrames() {
        short[] pcm = {0, 1000, -1000, 32767, -32768};
        for (G711Codec codec : G711Codec.values()) {
            byte[] encoded = codec.encode(pcm, 0, pcm.length);
            short[] out = new short[5];
            assertThat(codec.decode(encoded, 0, encoded.length, out)).isEqualTo(5);
            for (int i = 0; i < 5; i++) {
                assertThat(Math.abs(out[i] - pcm[i])).isLessThanOrEqualTo(Math.abs(pcm[i]) / 16 + 16);
            }
            assertThat(codec.clockRate()).isEqualTo(8000);
        }
        assertThat(G711Codec.forPayloadType(0)).isEqualTo(G711Codec.PCMU);
        assertThat(G711Codec.forPayloadType(8)).isEqualTo(G711Codec.PCMA);
        assertThat(G711Codec.forPayloadType(3)).isNull();
        assertThat(G711Codec.PCMA.codecName()).isEqualTo("PCMA");
    }
}
