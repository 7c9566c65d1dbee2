package io.callisto.server.store.internal;

import io.callisto.server.location.Binding;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Builds a batch of {@link LocationJournal} records in one growing buffer: each record is {@code int length, int
 * CRC-32C of the body, body}. Strings are {@code int} byte length (-1 for null) and UTF-8 bytes; numbers are
 * big-endian. {@link RecordReader} reads them back.
 */
final class RecordWriter {

    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int recordStart = -1;
    private final CRC32C crc = new CRC32C();

    /** Starts a record whose body begins with {@code op}. */
    void begin(byte op) {
        recordStart = pos;
        pos += 8; // length and CRC, filled in by end()
        ensure(1);
        buf[pos++] = op;
    }

    /** Ends the record begun last: fills in its length and checksum. */
    void end() {
        int bodyStart = recordStart + 8;
        int length = pos - bodyStart;
        crc.reset();
        crc.update(buf, bodyStart, length);
        putInt(recordStart, length);
        putInt(recordStart + 4, (int) crc.getValue());
        recordStart = -1;
    }

    /**
     * The bytes of the records built so far, without a copy: valid until {@link #reset()}, which the journal calls
     * once they are written.
     */
    ByteBuffer pending() {
        return ByteBuffer.wrap(buf, 0, pos);
    }

    /** Starts the next batch; a huge batch does not keep its buffer. */
    void reset() {
        pos = 0;
        if (buf.length > 1 << 20) {
            buf = new byte[64 * 1024];
        }
    }

    void writeBinding(Binding b) {
        writeString(b.aor());
        writeString(b.contact());
        writeLong(Double.doubleToLongBits(b.q()));
        writeLong(b.expiresAt());
        writeString(b.callId());
        writeLong(b.cseq());
        writeString(b.instanceId());
        writeInt(b.regId());
        writeInt(b.path().size());
        for (String p : b.path()) {
            writeString(p);
        }
        writeString(b.source());
        writeString(b.flow());
        writeString(b.node());
        writeString(b.userAgent());
        writeLong(b.updatedAt());
    }

    /**
     * The string's UTF-8 bytes, encoded straight into the buffer (no encoded copy per string: the journal writes
     * a dozen strings per REGISTER). Like {@link String#getBytes(java.nio.charset.Charset)}, an unpaired surrogate
     * becomes {@code '?'}; the length prefix is filled in afterwards.
     */
    void writeString(String s) {
        if (s == null) {
            writeInt(-1);
            return;
        }
        int len = s.length();
        ensure(4 + 3 * len); // a char is at most 3 bytes; a surrogate pair is 4 bytes for 2 chars
        int lengthAt = pos;
        int p = pos + 4;
        byte[] b = buf;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                char d = i + 1 < len ? s.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(d)) {
                    int cp = Character.toCodePoint(c, d);
                    b[p++] = (byte) (0xf0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | cp & 0x3f);
                    i++;
                } else {
                    b[p++] = '?';
                }
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        pos = p;
        putInt(lengthAt, p - lengthAt - 4);
    }

    void writeInt(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
    }

    void writeLong(long v) {
        writeInt((int) (v >>> 32));
        writeInt((int) v);
    }

    private void putInt(int at, int v) {
        ensure(at + 4 - pos);
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void ensure(int more) {
        if (more > 0 && pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
