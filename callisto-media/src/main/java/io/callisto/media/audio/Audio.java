package io.callisto.media.audio;

/** The audio format of this module's sources and sinks: 16-bit signed linear PCM, mono, 8000 Hz, 20 ms frames. */
public final class Audio {

    /** Samples per second. */
    public static final int SAMPLE_RATE = 8000;
    /** Frame duration in milliseconds (RFC 3551 §4.5: the default packetization of G.711). */
    public static final int FRAME_MILLIS = 20;
    /** Samples per frame (160). */
    public static final int FRAME_SAMPLES = SAMPLE_RATE * FRAME_MILLIS / 1000;

    private Audio() {
    }
}
