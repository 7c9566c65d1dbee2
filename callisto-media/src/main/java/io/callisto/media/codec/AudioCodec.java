package io.callisto.media.codec;

/**
 * An audio codec as a session uses it: a name and RTP payload type (RFC 3551 §6), a clock rate, and the
 * conversion between one frame of 16-bit linear PCM and its encoded payload.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface AudioCodec {

    /** Encoding name as in an SDP rtpmap (RFC 3551 §6), e.g. {@code PCMU} ({@code name()} is taken by enums). */
    String codecName();

    /** The RTP payload type; 0 and 8 are the static types of PCMU and PCMA (RFC 3551 Table 4). */
    int payloadType();

    /** RTP clock rate in Hz (8000 for G.711). */
    int clockRate();

    /** Encodes {@code length} linear samples starting at {@code offset}; returns the payload. */
    byte[] encode(short[] pcm, int offset, int length);

    /**
     * Encodes {@code length} linear samples starting at {@code offset} into {@code out} from {@code outOffset}
     * (which must have room); returns the number of bytes written. The default copies {@link #encode}'s result.
     */
    default int encode(short[] pcm, int offset, int length, byte[] out, int outOffset) {
        byte[] payload = encode(pcm, offset, length);
        System.arraycopy(payload, 0, out, outOffset, payload.length);
        return payload.length;
    }

    /** The payload size {@link #encode} gives for {@code samples} samples. */
    int encodedLength(int samples);

    /**
     * Decodes a payload into {@code out} from index 0; returns the number of samples written (at most
     * {@code out.length}; extra payload bytes are ignored).
     */
    int decode(byte[] payload, int offset, int length, short[] out);
}
