package io.callisto.media.audio;

/**
 * The Goertzel algorithm: the power of one frequency in a block of samples, at the cost of one multiply-add per
 * sample. Used to check recordings ("this holds 1 kHz") and as a building block for tone detection.
 */
public final class Goertzel {

    private Goertzel() {
    }

    /**
     * Power of {@code frequency} in the samples, normalised by the block length squared so that a full-scale sine
     * of amplitude A at exactly that frequency gives about A²/4 whatever the block length.
     */
    public static double power(short[] samples, int offset, int length, double frequency, int sampleRate) {
        if (length <= 0) {
            return 0;
        }
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < length; i++) {
            double s0 = samples[offset + i] + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
        return power / ((double) length * length);
    }

    /** {@link #power} over a whole array at 8 kHz. */
    public static double power(short[] samples, double frequency) {
        return power(samples, 0, samples.length, frequency, Audio.SAMPLE_RATE);
    }

    /**
     * The share of the block's energy that lies at {@code frequency}: Goertzel power over the mean square of the
     * samples, scaled so that a pure sine at that frequency gives about 1 and silence or other frequencies give
     * about 0. A pure tone filling only part of the block gives about the fraction of the block it fills, so to
     * check a recording, look at short windows (e.g. 100 ms) one by one.
     */
    public static double relativePower(short[] samples, int offset, int length, double frequency, int sampleRate) {
        double energy = 0;
        for (int i = 0; i < length; i++) {
            double s = samples[offset + i];
            energy += s * s;
        }
        if (energy == 0) {
            return 0;
        }
        double meanSquare = energy / length;
        // a sine of amplitude A has mean square A²/2 and Goertzel power A²/4
        return power(samples, offset, length, frequency, sampleRate) * 2 / meanSquare;
    }

    /**
     * Counts the windows of {@code window} samples (8 kHz, back to back) in which every one of {@code frequencies}
     * has a {@link #relativePower} above {@code threshold}: "how many 100 ms of this recording hold 1 kHz" is
     * {@code windows(samples, 800, 0.9, 1000)}.
     */
    public static int windows(short[] samples, int window, double threshold, double... frequencies) {
        int count = 0;
        for (int at = 0; at + window <= samples.length; at += window) {
            boolean all = true;
            for (double f : frequencies) {
                all &= relativePower(samples, at, window, f, Audio.SAMPLE_RATE) > threshold;
            }
            if (all) {
                count++;
            }
        }
        return count;
    }
}
