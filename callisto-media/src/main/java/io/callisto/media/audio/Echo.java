package io.callisto.media.audio;

/**
 * Plays back what it hears: a sink and a source in one, holding up to {@code maxFrames} 20 ms frames (older ones are
 * dropped when the source side falls behind). Set the same instance as a session's sink and source to echo the
 * remote party's audio back to it, as a test line does. Both sides run on the session's media thread.
 */
public final class Echo implements MediaSink, MediaSource {

    private final short[][] frames;
    private int head;
    private int size;

    /** An echo that delays by at most {@code maxFrames} frames (at least 1). */
    public Echo(int maxFrames) {
        frames = new short[Math.max(1, maxFrames)][Audio.FRAME_SAMPLES];
    }

    @Override
    public void write(short[] frame) {
        if (size == frames.length) {
            head = (head + 1) % frames.length; // drop the oldest
            size--;
        }
        short[] slot = frames[(head + size) % frames.length];
        System.arraycopy(frame, 0, slot, 0, Math.min(frame.length, slot.length));
        size++;
    }

    @Override
    public boolean read(short[] frame) {
        if (size == 0) {
            java.util.Arrays.fill(frame, (short) 0);
            return true;
        }
        System.arraycopy(frames[head], 0, frame, 0, Math.min(frame.length, frames[head].length));
        head = (head + 1) % frames.length;
        size--;
        return true;
    }
}
