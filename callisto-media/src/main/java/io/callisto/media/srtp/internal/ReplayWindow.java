package io.callisto.media.srtp.internal;

/**
 * The receiver's replay list (RFC 3711 §3.3.2): the highest index authenticated so far and a bitmap of which of
 * the {@code size} indices below it were received. The bitmap is circular (bit {@code index mod size}); moving
 * the highest index forward clears the bits it passes. {@code size} is a multiple of 64, at least 64.
 */
public final class ReplayWindow {

    /** Verdict of {@link #check}. */
    public static final int FRESH = 0;
    /** Verdict of {@link #check}: the index was already received. */
    public static final int REPLAYED = 1;
    /** Verdict of {@link #check}: the index is behind the window, so it cannot be told apart from a replay. */
    public static final int TOO_OLD = 2;

    private final long[] bits;
    private final int size;
    private long highest = -1;

    /** A window of {@code size} packets (rounded up to a multiple of 64). */
    public ReplayWindow(int size) {
        int words = Math.max(1, (size + 63) / 64);
        this.bits = new long[words];
        this.size = words * 64;
    }

    /** The highest index accepted so far, or -1 before the first. */
    public long highest() {
        return highest;
    }

    /** The window size in packets. */
    public int size() {
        return size;
    }

    /** Whether {@code index} may be accepted: {@link #FRESH}, {@link #REPLAYED} or {@link #TOO_OLD}. */
    public int check(long index) {
        if (index > highest) {
            return FRESH;
        }
        if (highest - index >= size) {
            return TOO_OLD;
        }
        int b = (int) (index % size);
        return (bits[b >>> 6] & (1L << (b & 63))) != 0 ? REPLAYED : FRESH;
    }

    /** Records {@code index} as received (call only after it was authenticated, §3.3.2). */
    public void accept(long index) {
        if (index > highest) {
            long advance = highest < 0 ? size : index - highest;
            if (advance >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long i = highest + 1; i < index; i++) {
                    int b = (int) (i % size);
                    bits[b >>> 6] &= ~(1L << (b & 63));
                }
            }
            highest = index;
        }
        int b = (int) (index % size);
        bits[b >>> 6] |= 1L << (b & 63);
    }
}
