package io.callisto.media.audio;

/**
 * Where a session's received audio goes: one 20 ms frame of 16-bit linear PCM at 8 kHz per tick (decoded, or
 * concealed when the packet was lost). Called on the session's media thread; must not block.
 */
@FunctionalInterface
public interface MediaSink {

    /** Takes one frame; the array is reused after the call returns. */
    void write(short[] frame);

    /** Discards everything. */
    static MediaSink none() {
        return frame -> { };
    }
}
