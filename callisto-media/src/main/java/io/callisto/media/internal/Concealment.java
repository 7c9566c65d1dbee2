package io.callisto.media.internal;

/**
 * Packet-loss concealment for G.711, simplified from G.711 Appendix I: a lost frame is replaced by the last good
 * frame, attenuated linearly so that the output reaches silence after three lost frames (60 ms, where Appendix I
 * also stops). Unlike Appendix I there is no pitch-period search and no overlap-add at the joins.
 */
public final class Concealment {

    private static final int FADE_FRAMES = 3;

    private final short[] last;
    private boolean haveLast;
    private int lostInRow;
    private long concealed;

    public Concealment(int samplesPerFrame) {
        this.last = new short[samplesPerFrame];
    }

    /** Records a good frame (it becomes the material for concealing the next loss). */
    public void good(short[] frame) {
        System.arraycopy(frame, 0, last, 0, last.length);
        haveLast = true;
        lostInRow = 0;
    }

    /** Fills {@code out} in place of a lost frame. */
    public void conceal(short[] out) {
        concealed++;
        int n = last.length;
        if (!haveLast || lostInRow >= FADE_FRAMES) {
            java.util.Arrays.fill(out, 0, n, (short) 0);
            lostInRow++;
            return;
        }
        double from = 1.0 - (double) lostInRow / FADE_FRAMES;
        double to = 1.0 - (double) (lostInRow + 1) / FADE_FRAMES;
        for (int i = 0; i < n; i++) {
            double gain = from + (to - from) * i / n;
            out[i] = (short) Math.round(last[i] * gain);
        }
        lostInRow++;
    }

    /** Frames concealed so far. */
    public long concealed() {
        return concealed;
    }
}
