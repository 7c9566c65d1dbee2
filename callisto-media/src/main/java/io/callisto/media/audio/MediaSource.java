package io.callisto.media.audio;

/**
 * Where a session's outgoing audio comes from: one frame of 16-bit linear PCM at 8 kHz per 20 ms tick. Called on
 * the session's media thread; implementations must not block (read files before, off the media thread).
 */
@FunctionalInterface
public interface MediaSource {

    /**
     * Fills {@code frame} with the next samples. Returns false when the source is exhausted; the frame then holds
     * silence (or the remainder followed by silence).
     */
    boolean read(short[] frame);

    /** Silence forever. */
    static MediaSource silence() {
        return frame -> {
            java.util.Arrays.fill(frame, (short) 0);
            return true;
        };
    }

    /** A continuous tone of one or more summed sine frequencies (Hz) at a peak amplitude (0..32767). */
    static MediaSource tone(int amplitude, double... frequencies) {
        ToneGenerator generator = new ToneGenerator(Audio.SAMPLE_RATE, amplitude, frequencies);
        return frame -> {
            generator.generate(frame, 0, frame.length);
            return true;
        };
    }

    /**
     * Reads a WAV file now (blocking file I/O: call this off the media thread) and plays it once, or over and over
     * when {@code loop} is set.
     *
     * @throws java.io.IOException when the file cannot be read, or {@link WavFormatException} when its format is
     *                             not supported
     */
    static MediaSource wav(java.nio.file.Path file, boolean loop) throws java.io.IOException {
        return samples(WavFile.read(file), loop);
    }

    /** Plays samples (e.g. from {@link WavFile#read}) once, or over and over when {@code loop} is set. */
    static MediaSource samples(short[] samples, boolean loop) {
        short[] copy = samples.clone();
        int[] pos = {0};
        return frame -> {
            int n = 0;
            while (n < frame.length) {
                if (pos[0] >= copy.length) {
                    if (!loop || copy.length == 0) {
                        java.util.Arrays.fill(frame, n, frame.length, (short) 0);
                        return n > 0;
                    }
                    pos[0] = 0;
                }
                int k = Math.min(frame.length - n, copy.length - pos[0]);
                System.arraycopy(copy, pos[0], frame, n, k);
                pos[0] += k;
                n += k;
            }
            return true;
        };
    }
}
