package io.callisto.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.callisto.media.audio.Goertzel;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.audio.WavFile;
import java.io.IOException;
import java.nio.file.Path;

/** The 1 kHz test tone of the audio interop tests: written as a WAV file, and looked for in a recording. */
final class Tone {

    /** The tone's frequency in Hz. */
    static final int HZ = 1000;

    private Tone() {
    }

    /** Writes {@code seconds} of the tone as a 16-bit linear 8 kHz mono WAV file ({@code file}). */
    static Path wav(Path file, int seconds) throws IOException {
        WavFile.write(file, new ToneGenerator(8000, 12000, HZ).generate(seconds * 8000));
        return file;
    }

    /**
     * Asserts that at least {@code minWindows} windows of 100 ms of {@code recording} are (90 % of their energy) the
     * tone: what was sent arrived, decoded, for about {@code minWindows / 10} seconds.
     */
    static void assertHeard(short[] recording, int minWindows, String what) {
        assertThat(Goertzel.windows(recording, 800, 0.9, HZ))
                .as("100 ms windows of %d Hz in %s (%d samples)", HZ, what, recording.length)
                .isGreaterThanOrEqualTo(minWindows);
    }
}
