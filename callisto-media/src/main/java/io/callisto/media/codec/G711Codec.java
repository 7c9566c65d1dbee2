package io.callisto.media.codec;

/**
 * The two G.711 codecs of RFC 3551 §4.5.14: PCMU (payload type 0) and PCMA (payload type 8), 8000 Hz, one byte
 * per sample. Decoding goes through a 256-entry table built once from {@link G711}.
 */
public enum G711Codec implements AudioCodec {
    /** µ-law, static payload type 0. */
    PCMU("PCMU", 0),
    /** A-law, static payload type 8. */
    PCMA("PCMA", 8);

    private final String name;
    private final int payloadType;
    private final short[] decodeTable = new short[256];

    G711Codec(String name, int payloadType) {
        this.name = name;
        this.payloadType = payloadType;
        for (int i = 0; i < 256; i++) {
            decodeTable[i] = payloadType == 0 ? G711.ulawToLinear(i) : G711.alawToLinear(i);
        }
    }

    @Override
    public String codecName() {
        return name;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public byte[] encode(short[] pcm, int offset, int length) {
        byte[] out = new byte[length];
        encode(pcm, offset, length, out, 0);
        return out;
    }

    @Override
    public int encode(short[] pcm, int offset, int length, byte[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            int s = pcm[offset + i];
            out[outOffset + i] = (byte) (payloadType == 0 ? G711.linearToUlaw(s) : G711.linearToAlaw(s));
        }
        return length;
    }

    /** One byte per sample (RFC 3551 §4.5.14). */
    @Override
    public int encodedLength(int samples) {
        return samples;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] out) {
        int n = Math.min(length, out.length);
        for (int i = 0; i < n; i++) {
            out[i] = decodeTable[payload[offset + i] & 0xFF];
        }
        return n;
    }

    /** The G.711 codec for a static payload type, or null when it is neither 0 nor 8. */
    public static G711Codec forPayloadType(int payloadType) {
        return payloadType == 0 ? PCMU : payloadType == 8 ? PCMA : null;
    }
}
