package io.callisto.media.audio;

/**
 * Generates a sum of sine waves, continuing the phase from one call to the next (so consecutive frames join
 * without clicks). The amplitude is the peak of the sum: each of the n frequencies gets amplitude / n.
 */
public final class ToneGenerator {

    /** DTMF frequencies (ITU-T Q.23): rows 697, 770, 852, 941 Hz; columns 1209, 1336, 1477, 1633 Hz. */
    private static final String KEYPAD = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};

    private final double[] step;
    private final double[] phase;
    private final double amplitude;

    public ToneGenerator(int sampleRate, int amplitude, double... frequencies) {
        if (frequencies.length == 0 || amplitude < 0 || amplitude > Short.MAX_VALUE) {
            throw new IllegalArgumentException("need at least one frequency and an amplitude 0..32767");
        }
        this.step = new double[frequencies.length];
        this.phase = new double[frequencies.length];
        for (int i = 0; i < frequencies.length; i++) {
            if (frequencies[i] <= 0 || frequencies[i] >= sampleRate / 2.0) {
                throw new IllegalArgumentException("frequency " + frequencies[i] + " Hz is outside (0, "
                        + sampleRate / 2 + ") at " + sampleRate + " Hz");
            }
            step[i] = 2 * Math.PI * frequencies[i] / sampleRate;
        }
        this.amplitude = (double) amplitude / frequencies.length;
    }

    /** The two frequencies {row, column} of a DTMF digit (0-9, *, #, A-D). */
    public static double[] dtmfFrequencies(char digit) {
        int i = KEYPAD.indexOf(Character.toUpperCase(digit));
        if (i < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return new double[] {ROWS[i / 4], COLUMNS[i % 4]};
    }

    /** Writes the next {@code length} samples into {@code out} at {@code offset}. */
    public void generate(short[] out, int offset, int length) {
        for (int n = 0; n < length; n++) {
            double v = 0;
            for (int i = 0; i < step.length; i++) {
                v += Math.sin(phase[i]);
                phase[i] += step[i];
                if (phase[i] > 2 * Math.PI) {
                    phase[i] -= 2 * Math.PI;
                }
            }
            out[offset + n] = (short) Math.round(v * amplitude);
        }
    }

    /** A new array of {@code samples} samples of this tone. */
    public short[] generate(int samples) {
        short[] out = new short[samples];
        generate(out, 0, samples);
        return out;
    }
}
