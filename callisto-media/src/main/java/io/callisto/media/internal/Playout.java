package io.callisto.media.internal;

import io.callisto.media.audio.Audio;
import io.callisto.media.audio.MediaSink;
import io.callisto.media.audio.ToneGenerator;
import io.callisto.media.codec.AudioCodec;
import java.util.Arrays;

/**
 * The receiving end of a stream's audio: received payloads are decoded, each with the codec of its own payload type,
 * and go into the {@link JitterBuffer} as linear samples; each tick one frame comes out (or is concealed when
 * missing, or replaced by the tone of a received DTMF digit) and is written to the sink. Decoding on arrival lets a
 * peer switch between the formats it may send (RFC 3264 §7) without frames of one being decoded as the other. Not
 * thread-safe: used on the session's media thread.
 */
final class Playout {

    private final short[] frame = new short[Audio.FRAME_SAMPLES];
    private final JitterBuffer<short[]> jitterBuffer = new JitterBuffer<>(Audio.FRAME_SAMPLES, Audio.FRAME_MILLIS, 2, 15);
    private final Concealment concealment = new Concealment(Audio.FRAME_SAMPLES);
    private final short[][] spares = new short[4][];
    private int spare;
    /** Null until a sink is set: a session nobody listens to (a load generator's) skips the playout work. */
    private MediaSink sink;
    private boolean everPlayed;
    private char toneDigit;
    private ToneGenerator tone;

    void sink(MediaSink sink) {
        this.sink = sink;
    }

    /** True when received audio goes anywhere: without a sink, nothing is decoded, buffered or concealed. */
    boolean active() {
        return sink != null;
    }

    /** Offers a received audio payload, encoded with {@code codec}: {@code length} bytes at {@code offset}. */
    void put(long rtpTimestamp, AudioCodec codec, byte[] data, int offset, int length) {
        if (!active()) {
            return;
        }
        short[] pcm;
        if (length == Audio.FRAME_SAMPLES && spare > 0) {
            pcm = spares[--spare]; // a 20 ms G.711 payload decodes into a whole frame
            spares[spare] = null;
            codec.decode(data, offset, length, pcm);
        } else {
            pcm = Arrays.copyOf(frame, codec.decode(data, offset, length, frame));
        }
        if (!jitterBuffer.put(rtpTimestamp, pcm)) {
            recycle(pcm); // late or duplicate
        }
    }

    /**
     * Plays one frame into the sink.
     *
     * @param jitterMillis the remote source's current jitter (adapts the buffer depth)
     * @param digit        the DTMF digit being received now, or 0
     */
    void tick(double jitterMillis, char digit) {
        if (!active()) {
            return;
        }
        jitterBuffer.jitter(jitterMillis);
        short[] pcm = jitterBuffer.poll();
        if (pcm == null && digit != 0) {
            // RFC 4733 §2.5.2.2: play the event out as a tone while it lasts (simplified: as it arrives, not delayed)
            if (toneDigit != digit) {
                toneDigit = digit;
                tone = new ToneGenerator(Audio.SAMPLE_RATE, 8000, ToneGenerator.dtmfFrequencies(digit));
            }
            tone.generate(frame, 0, frame.length);
        } else if (pcm != null) {
            System.arraycopy(pcm, 0, frame, 0, pcm.length);
            Arrays.fill(frame, pcm.length, frame.length, (short) 0);
            recycle(pcm);
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

    /**
     * Keeps a played or refused whole frame for the next packet: a call then decodes into the same few arrays
     * instead of allocating one per packet (fewer young collections, and fewer new objects stored into the
     * long-lived buffer, which the collector's write barrier has to track).
     */
    private void recycle(short[] pcm) {
        if (pcm.length == Audio.FRAME_SAMPLES && spare < spares.length) {
            spares[spare++] = pcm;
        }
    }

    /** Frames the jitter buffer dropped as late or duplicate. */
    long lateOrDuplicate() {
        return jitterBuffer.late() + jitterBuffer.duplicates();
    }

    long concealed() {
        return concealment.concealed();
    }
}
