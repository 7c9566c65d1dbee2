package io.callisto.sip.sdp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One {@code <type>=<value>} line of a session description (RFC 8866 §5), with the exact bytes it was written
 * in: its value and its line ending (CRLF, a bare LF, or none for a last line written without one).
 *
 * <p>Parsed lines share the parsed copy of the input; lines made by builders and {@code with...} methods are
 * written in canonical form, {@code <type>=<value>CRLF}. Lines of a type letter this parser does not know are
 * kept as they are (RFC 8866 §5 lets a parser ignore them).
 *
 * <p>Equality is byte equality of the whole line, line ending included.
 */
public final class SdpLine {
    private final byte[] b;
    private final int start;
    private final int valueEnd;
    private final int end;
    private final Object typed;

    SdpLine(byte[] b, int start, int valueEnd, int end, Object typed) {
        this.b = b;
        this.start = start;
        this.valueEnd = valueEnd;
        this.end = end;
        this.typed = typed;
    }

    /**
     * A new line in canonical form, {@code type=value} followed by CRLF, with its parsed view.
     *
     * @throws IllegalArgumentException if {@code type} is not an ASCII letter or the value holds NUL, CR or LF
     */
    static SdpLine of(char type, String value, Object typed) {
        Fields.require(type < 128 && Character.isLetter(type), "SDP type must be an ASCII letter");
        Fields.require(Fields.isByteString(value), "SDP value must not contain NUL, CR or LF");
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[v.length + 4];
        line[0] = (byte) type;
        line[1] = '=';
        System.arraycopy(v, 0, line, 2, v.length);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return new SdpLine(line, 0, line.length - 2, line.length, typed);
    }

    /** The type letter. */
    public char type() {
        return (char) (b[start] & 0xff);
    }

    /** The value (everything after "=" up to the line ending), decoded as UTF-8 (RFC 8866 §5). */
    public String value() {
        return new String(b, start + 2, valueEnd - start - 2, StandardCharsets.UTF_8);
    }

    /** The value's bytes exactly as written. */
    public byte[] valueBytes() {
        return Arrays.copyOfRange(b, start + 2, valueEnd);
    }

    /** The line ending as written: {@code "\r\n"}, {@code "\n"}, or {@code ""} for an unterminated last line. */
    public String lineEnding() {
        return new String(b, valueEnd, end - valueEnd, StandardCharsets.ISO_8859_1);
    }

    /** The whole line, line ending included, exactly as written. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(b, start, end);
    }

    /** The parsed view of the value (an {@link Origin}, {@link Attribute}, ...), or null. */
    Object typed() {
        return typed;
    }

    byte[] array() {
        return b;
    }

    int start() {
        return start;
    }

    /** Index in {@link #array()} of the first byte of the value. */
    int valueStart() {
        return start + 2;
    }

    int valueEnd() {
        return valueEnd;
    }

    int length() {
        return end - start;
    }

    boolean terminated() {
        return end > valueEnd;
    }

    /** This line, with a CRLF added if it has no line ending (for a line that is no longer the last). */
    SdpLine terminate() {
        if (terminated()) {
            return this;
        }
        byte[] line = Arrays.copyOfRange(b, start, end + 2);
        line[line.length - 2] = '\r';
        line[line.length - 1] = '\n';
        return new SdpLine(line, 0, valueEnd - start, line.length, typed);
    }

    void writeTo(ByteArrayOutputStream out) {
        out.write(b, start, end - start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdpLine l && Arrays.equals(b, start, end, l.b, l.start, l.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }

    /** The line as text, without its line ending. */
    @Override
    public String toString() {
        return new String(b, start, valueEnd - start, StandardCharsets.UTF_8);
    }
}
