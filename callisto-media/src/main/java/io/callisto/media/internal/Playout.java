package io.callisto.media.internal;

import io.callisto.media.audio.Audio;
import io.callisto.media.audio.MediaSink;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.codec.AudioCodec;
import java.util.Arrays;

/**
 * The receiving end of a stream's audio: received payloads go into the {@link JitterBuffer}; each tick one frame
 * comes out, is decoded (or concealed when missing, or replaced by the tone of a received DTMF digit) and written
 * to the sink. Not thread-safe: used on the session's media thread.
 */
final class Playout {

    private AudioCodec codec;
    private final short[] frame = new short[Audio.FRAME_SAMPLES];
    private final JitterBuffer jitterBuffer = new JitterBuffer(Audio.FRAME_SAMPLES, Audio.FRAME_MILLIS, 2, 15);
    private final Concealment concealment = new Concealment(Audio.FRAME_SAMPLES);
    private MediaSink sink = MediaSink.none();
    private boolean everPlayed;
    private char toneDigit;
    private ToneGenerator tone;

    Playout(AudioCodec codec) {
        this.codec = codec;
    }

    /** Decodes later frames with {@code codec} (a re-negotiation changed it). */
    void codec(AudioCodec codec) {
        this.codec = codec;
    }

    void sink(MediaSink sink) {
        this.sink = sink == null ? MediaSink.none() : sink;
    }

    /** Offers a received audio payload. */
    void put(long rtpTimestamp, byte[] payload) {
        jitterBuffer.put(rtpTimestamp, payload);
    }

    /**
     * Plays one frame into the sink.
     *
     * @param jitterMillis the remote source's current jitter (adapts the buffer depth)
     * @param digit        the DTMF digit being received now, or 0
     */
    void tick(double jitterMillis, char digit) {
        jitterBuffer.jitter(jitterMillis);
        byte[] payload = jitterBuffer.poll();
        if (payload == null && digit != 0) {
            // RFC 4733 §2.5.2.2: play the event out as a tone while it lasts (simplified: as it arrives, not delayed)
            if (toneDigit != digit) {
                toneDigit = digit;
                tone = new ToneGenerator(Audio.SAMPLE_RATE, 8000, ToneGenerator.dtmfFrequencies(digit));
            }
            tone.generate(frame, 0, frame.length);
        } else if (payload != null) {
            int n = codec.decode(payload, 0, payload.length, frame);
            Arrays.fill(frame, n, frame.length, (short) 0);
            concealment.good(frame);
            everPlayed = true;
        } else if (everPlayed) {
            concealment.conceal(frame);
        } else {
            Arrays.fill(frame, (short) 0);
        }
        if (digit == 0) {
            toneDigit = 0;
        }
        sink.write(frame);
    }

    /** Frames the jitter buffer dropped as late or duplicate. */
    long lateOrDuplicate() {
        return jitterBuffer.late() + jitterBuffer.duplicates();
    }

    long concealed() {
        return concealment.concealed();
    }
}
