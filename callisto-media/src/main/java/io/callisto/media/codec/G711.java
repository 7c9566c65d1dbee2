package io.callisto.media.codec;

/**
 * ITU-T G.711 companding, µ-law and A-law, computed from the standard's segment rules: eight segments (chords)
 * whose step size doubles from one segment to the next, a sign bit, a 3-bit segment number and a 4-bit position
 * inside the segment.
 *
 * <p>µ-law works on a 14-bit magnitude biased by 33 (0x84 at the 16-bit scale used here), so that segment
 * {@code s} covers biased magnitudes [2^(s+7), 2^(s+8)); the code word is transmitted inverted (all bits). A-law
 * works on a 13-bit magnitude: segments 0 and 1 share the step 2 (at the 13-bit scale), segment {@code s ≥ 1}
 * covers [2^(s+4), 2^(s+5)); the code word has its even bits inverted (XOR 0x55). Decoders return the middle of
 * the quantisation interval.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private G711() {
    }

    /** Encodes one 16-bit linear sample as a µ-law byte (0..255). */
    public static int linearToUlaw(int sample) {
        int pcm = clamp16(sample);
        int sign = 0;
        if (pcm < 0) {
            sign = 0x80;
            pcm = -pcm;
        }
        if (pcm > ULAW_CLIP) {
            pcm = ULAW_CLIP;
        }
        pcm += ULAW_BIAS;
        // segment = position of the highest set bit above bit 7 of the biased magnitude (at most 7: the biased
        // magnitude is below 2^15), found with one leading-zero count rather than a loop per sample
        int segment = 32 - Integer.numberOfLeadingZeros(pcm >> 8);
        int mantissa = (pcm >> (segment + 3)) & 0x0F;
        return ~(sign | (segment << 4) | mantissa) & 0xFF;
    }

    /** Decodes one µ-law byte to a 16-bit linear sample. */
    public static short ulawToLinear(int ulaw) {
        int u = ~ulaw & 0xFF;
        int segment = (u & 0x70) >> 4;
        int magnitude = ((((u & 0x0F) << 3) + ULAW_BIAS) << segment) - ULAW_BIAS;
        return (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /** Encodes one 16-bit linear sample as an A-law byte (0..255). */
    public static int linearToAlaw(int sample) {
        int pcm = clamp16(sample) >> 3; // 13-bit scale
        int mask;
        if (pcm >= 0) {
            mask = 0xD5; // sign bit 1 for positive, then even-bit inversion
        } else {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        int segment = 32 - Integer.numberOfLeadingZeros(pcm >> 5); // bits above the 5 of segment 0
        if (segment > 7) {
            return 0x7F ^ mask; // overload: the largest code of the sign
        }
        int position = segment < 2 ? (pcm >> 1) & 0x0F : (pcm >> segment) & 0x0F;
        return ((segment << 4) | position) ^ mask;
    }

    /** Decodes one A-law byte to a 16-bit linear sample. */
    public static short alawToLinear(int alaw) {
        int a = (alaw ^ 0x55) & 0xFF;
        int segment = (a & 0x70) >> 4;
        int t = (a & 0x0F) << 4;
        if (segment == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= segment - 1;
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    private static int clamp16(int v) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
