package io.callisto.media.audio;

import io.callisto.media.codec.G711;
import io.callisto.media.codec.G711Codec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes RIFF WAVE files. Writes 16-bit PCM mono at 8 kHz. Reads the common kinds and converts them to
 * that format: PCM 8/16/24/32-bit, 32-bit float, µ-law and A-law, WAVE_FORMAT_EXTENSIBLE with a PCM or float
 * subformat; several channels are mixed down; other sample rates (up to 192 kHz) are resampled by linear
 * interpolation. Anything else is refused with a {@link WavFormatException} that says why.
 *
 * <p>These methods do file I/O: call them off the media thread.
 */
public final class WavFile {

    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int ALAW = 6;
    private static final int ULAW = 7;
    private static final int EXTENSIBLE = 0xFFFE;
    private static final long MAX_SAMPLES = 8000L * 3600; // one hour at 8 kHz

    private WavFile() {
    }

    /** Reads a file as 16-bit mono samples at 8 kHz. */
    public static short[] read(Path path) throws IOException {
        return read(Files.readAllBytes(path));
    }

    /** Reads WAV bytes as 16-bit mono samples at 8 kHz. */
    public static short[] read(byte[] data) throws WavFormatException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new WavFormatException("not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= data.length) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (size < 16 || body + 16 > data.length) {
                    throw new WavFormatException("fmt chunk too short");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == EXTENSIBLE) {
                    if (size < 40 || body + 26 > data.length) {
                        throw new WavFormatException("WAVE_FORMAT_EXTENSIBLE fmt chunk too short");
                    }
                    format = b.getShort(body + 24) & 0xFFFF; // first two bytes of the subformat GUID
                }
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw new WavFormatException("data chunk before the fmt chunk");
                }
                int length = (int) Math.min(size, data.length - body); // tolerate a truncated last chunk
                return convert(b, body, length, format, channels, rate, bits);
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1)); // chunks are word-aligned
        }
        throw new WavFormatException(format < 0 ? "no fmt chunk" : "no data chunk");
    }

    private static short[] convert(ByteBuffer b, int offset, int length, int format, int channels, int rate,
                                   int bits) throws WavFormatException {
        if (channels < 1 || channels > 8) {
            throw new WavFormatException("unsupported channel count " + channels);
        }
        if (rate < 4000 || rate > 192_000) {
            throw new WavFormatException("unsupported sample rate " + rate + " Hz (4000..192000)");
        }
        boolean ok = switch (format) {
            case PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
            case FLOAT -> bits == 32;
            case ALAW, ULAW -> bits == 8;
            default -> false;
        };
        if (!ok) {
            throw new WavFormatException("unsupported encoding: format tag " + format + " with " + bits
                    + " bits per sample (PCM 8/16/24/32, float 32, A-law and µ-law are supported)");
        }
        int bytesPerSample = bits / 8;
        long frames = length / ((long) bytesPerSample * channels);
        if (frames * Audio.SAMPLE_RATE / rate > MAX_SAMPLES) {
            throw new WavFormatException("longer than one hour");
        }
        short[] mono = new short[(int) frames];
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(b, offset + (f * channels + c) * bytesPerSample, format, bits);
            }
            mono[f] = (short) (sum / channels);
        }
        return rate == Audio.SAMPLE_RATE ? mono : resample(mono, rate, Audio.SAMPLE_RATE);
    }

    private static int sample(ByteBuffer b, int at, int format, int bits) {
        return switch (format) {
            case ALAW -> G711.alawToLinear(b.get(at) & 0xFF);
            case ULAW -> G711.ulawToLinear(b.get(at) & 0xFF);
            case FLOAT -> (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, b.getFloat(at) * 32767f));
            default -> switch (bits) {
                case 8 -> ((b.get(at) & 0xFF) - 128) << 8; // 8-bit WAV is unsigned
                case 16 -> b.getShort(at);
                case 24 -> b.getShort(at + 1);
                default -> b.getShort(at + 2);
            };
        };
    }

    /** Linear-interpolation resampling (adequate for prompts; no anti-alias filter). */
    static short[] resample(short[] in, int from, int to) {
        int n = (int) ((long) in.length * to / from);
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            double x = (double) i * from / to;
            int i0 = (int) x;
            int i1 = Math.min(in.length - 1, i0 + 1);
            double frac = x - i0;
            out[i] = (short) Math.round(in[i0] * (1 - frac) + in[i1] * frac);
        }
        return out;
    }

    /** The bytes of a 16-bit PCM mono 8 kHz WAV file holding {@code samples}. */
    public static byte[] toBytes(short[] samples) {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            data.putShort(s);
        }
        return riff(PCM, 16, data.array());
    }

    /**
     * The bytes of an 8 kHz mono WAV file in G.711 (format tag 7 for PCMU, 6 for PCMA, 8 bits per sample): the
     * form tools that stream WAV files as RTP without transcoding expect (SIPp's {@code rtp_stream}).
     */
    public static byte[] toG711Bytes(short[] samples, G711Codec codec) {
        return riff(codec == G711Codec.PCMU ? ULAW : ALAW, 8, codec.encode(samples, 0, samples.length));
    }

    private static byte[] riff(int format, int bits, byte[] data) {
        int blockAlign = bits / 8;
        ByteBuffer b = ByteBuffer.allocate(44 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data.length + (data.length & 1)).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) 1).putInt(Audio.SAMPLE_RATE)
                .putInt(Audio.SAMPLE_RATE * blockAlign).putShort((short) blockAlign).putShort((short) bits);
        b.putInt(0x61746164).putInt(data.length).put(data);
        return b.array();
    }

    /** Writes a 16-bit PCM mono 8 kHz WAV file. */
    public static void write(Path path, short[] samples) throws IOException {
        Files.write(path, toBytes(samples));
    }
}
