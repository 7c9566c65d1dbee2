package io.callisto.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callisto.media.codec.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTest {

    @TempDir
    Path dir;

    @Test
    void goertzelFindsOneKilohertzAndRejectsOneAndAHalf() {
        short[] tone = new ToneGenerator(8000, 10000, 1000).generate(8000);
        assertThat(Goertzel.relativePower(tone, 0, tone.length, 1000, 8000)).isGreaterThan(0.9);
        assertThat(Goertzel.relativePower(tone, 0, tone.length, 1500, 8000)).isLessThan(0.01);
        assertThat(Goertzel.power(tone, 1000)).isCloseTo(10000.0 * 10000 / 4, org.assertj.core.data.Percentage
                .withPercentage(2));
        short[] other = new ToneGenerator(8000, 10000, 1500).generate(8000);
        assertThat(Goertzel.relativePower(other, 0, other.length, 1000, 8000)).isLessThan(0.01);
        assertThat(Goertzel.relativePower(new short[800], 0, 800, 1000, 8000)).isZero();
        short[] half = new short[16000];
        System.arraycopy(tone, 0, half, 4000, 8000); // 1 s of tone in 2 s
        assertThat(Goertzel.windows(half, 800, 0.9, 1000)).isEqualTo(10);
        assertThat(Goertzel.windows(half, 800, 0.9, 1500)).isZero();
    }

    @Test
    void dtmfToneHoldsBothFrequencies() {
        double[] f = ToneGenerator.dtmfFrequencies('6');
        assertThat(f).containsExactly(770, 1477);
        assertThat(ToneGenerator.dtmfFrequencies('*')).containsExactly(941, 1209);
        short[] tone = new ToneGenerator(8000, 20000, f).generate(1600);
        assertThat(Goertzel.relativePower(tone, 0, tone.length, 770, 8000)).isGreaterThan(0.4);
        assertThat(Goertzel.relativePower(tone, 0, tone.length, 1477, 8000)).isGreaterThan(0.4);
        assertThat(Goertzel.relativePower(tone, 0, tone.length, 1336, 8000)).isLessThan(0.02);
        assertThatThrownBy(() -> ToneGenerator.dtmfFrequencies('x')).hasMessageContaining("not a DTMF digit");
        assertThatThrownBy(() -> new ToneGenerator(8000, 100, 5000)).hasMessageContaining("outside");
    }

    @Test
    void wavRoundTrip() throws Exception {
        short[] samples = new ToneGenerator(8000, 12000, 440).generate(4000);
        Path file = dir.resolve("tone.wav");
        WavFile.write(file, samples);
        assertThat(Files.size(file)).isEqualTo(44 + 8000);
        assertThat(WavFile.read(file)).containsExactly(samples);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 4, "US-ASCII")).isEqualTo("RIFF");
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(24)).isEqualTo(8000);
    }

    @Test
    void g711WavFilesRoundTripThroughTheReader() throws Exception {
        short[] samples = new ToneGenerator(8000, 12000, 1000).generate(800);
        for (io.callisto.media.codec.G711Codec codec : io.callisto.media.codec.G711Codec.values()) {
            byte[] wav = WavFile.toG711Bytes(samples, codec);
            assertThat(wav).hasSize(44 + 800);
            assertThat(wav[20]).isEqualTo((byte) (codec.payloadType() == 0 ? 7 : 6));
            short[] back = WavFile.read(wav);
            assertThat(back).hasSize(800);
            for (int i = 0; i < 800; i++) {
                assertThat(Math.abs(back[i] - samples[i])).isLessThanOrEqualTo(Math.abs(samples[i]) / 16 + 16);
            }
        }
    }

    @Test
    void readsStereoSixteenKilohertzByMixingAndResampling() throws Exception {
        short[] left = new ToneGenerator(16000, 10000, 1000).generate(16000);
        byte[] wav = wav(1, 2, 16000, 16, 16000 * 4, b -> {
            for (short s : left) {
                b.putShort(s).putShort(s);
            }
        });
        short[] read = WavFile.read(wav);
        assertThat(read).hasSize(8000);
        assertThat(Goertzel.relativePower(read, 0, read.length, 1000, 8000)).isGreaterThan(0.9);
    }

    @Test
    void readsMuLawAndEightBitFiles() throws Exception {
        byte[] ulaw = wav(7, 1, 8000, 8, 3, b -> b.put((byte) 0xFF).put((byte) 0x80).put((byte) 0x00));
        assertThat(WavFile.read(ulaw)).containsExactly(0, 32124, -32124);
        byte[] pcm8 = wav(1, 1, 8000, 8, 2, b -> b.put((byte) 128).put((byte) 255));
        assertThat(WavFile.read(pcm8)).containsExactly(0, 127 << 8);
        assertThat(G711.ulawToLinear(0x80)).isEqualTo((short) 32124);
    }

    @Test
    void refusesWhatItCannotReadWithAClearError() {
        assertThatThrownBy(() -> WavFile.read("hello".getBytes())).isInstanceOf(WavFormatException.class)
                .hasMessage("not a RIFF/WAVE file");
        assertThatThrownBy(() -> WavFile.read(wav(2, 1, 8000, 4, 0, b -> { })))
                .hasMessageContaining("unsupported encoding: format tag 2");
        assertThatThrownBy(() -> WavFile.read(wav(1, 1, 8000, 12, 0, b -> { })))
                .hasMessageContaining("12 bits");
        assertThatThrownBy(() -> WavFile.read(wav(1, 1, 1000, 16, 0, b -> { })))
                .hasMessageContaining("unsupported sample rate 1000");
        assertThatThrownBy(() -> WavFile.read(wav(1, 0, 8000, 16, 0, b -> { })))
                .hasMessageContaining("channel count 0");
        byte[] noData = java.util.Arrays.copyOf(wav(1, 1, 8000, 16, 0, b -> { }), 36);
        assertThatThrownBy(() -> WavFile.read(noData)).hasMessage("no data chunk");
    }

    @Test
    void sourcesAndRecorder() {
        short[] frame = new short[160];
        MediaSource once = MediaSource.samples(new short[] {1, 2, 3}, false);
        assertThat(once.read(frame)).isTrue();
        assertThat(frame[2]).isEqualTo((short) 3);
        assertThat(frame[3]).isZero();
        assertThat(once.read(frame)).isFalse();
        MediaSource loop = MediaSource.samples(new short[] {1, 2, 3}, true);
        loop.read(frame);
        assertThat(frame[159]).isEqualTo((short) 1); // 159 % 3 == 0
        assertThat(MediaSource.silence().read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 0);
        MediaSource.tone(8000, 1000).read(frame);
        assertThat(Goertzel.relativePower(frame, 0, 160, 1000, 8000)).isGreaterThan(0.9);

        WavRecorder recorder = new WavRecorder(1);
        for (int i = 0; i < 60; i++) {
            recorder.write(frame);
        }
        assertThat(recorder.samples()).hasSize(8000); // bounded at one second
        assertThat(recorder.toWav()).hasSize(44 + 16000);
    }

    private interface Body {
        void write(ByteBuffer b);
    }

    private static byte[] wav(int format, int channels, int rate, int bits, int dataLength, Body body) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataLength).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + dataLength).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * Math.max(1, bits / 8)).putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        b.put("data".getBytes()).putInt(dataLength);
        body.write(b);
        return b.array();
    }
}
