package io.callisto.media.audio;

import java.util.Arrays;

/**
 * A {@link MediaSink} that keeps what it receives in memory, up to a maximum duration (further frames are
 * dropped), for writing to a WAV file later with {@link WavFile#write} off the media thread. Safe to read from
 * another thread while the session writes.
 */
public final class WavRecorder implements MediaSink {

    private final int maxSamples;
    private short[] samples = new short[Audio.SAMPLE_RATE];
    private int length;

    /** A recorder keeping at most {@code maxSeconds} of audio. */
    public WavRecorder(int maxSeconds) {
        this.maxSamples = Math.max(1, maxSeconds) * Audio.SAMPLE_RATE;
    }

    @Override
    public synchronized void write(short[] frame) {
        int n = Math.min(frame.length, maxSamples - length);
        if (n <= 0) {
            return;
        }
        if (length + n > samples.length) {
            samples = Arrays.copyOf(samples, Math.min(maxSamples, Math.max(length + n, samples.length * 2)));
        }
        System.arraycopy(frame, 0, samples, length, n);
        length += n;
    }

    /** A copy of the samples recorded so far. */
    public synchronized short[] samples() {
        return Arrays.copyOf(samples, length);
    }

    /** The recording as WAV file bytes (16-bit PCM mono 8 kHz). */
    public byte[] toWav() {
        return WavFile.toBytes(samples());
    }
}
