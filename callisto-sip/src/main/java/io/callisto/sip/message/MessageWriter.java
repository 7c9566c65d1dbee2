package io.callisto.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a message: an unedited message is its original bytes; an edited one is the original bytes of every
 * untouched part, with changed and added lines written as {@code Name: value CRLF} (DESIGN principle 2).
 *
 * <p>The output goes into one array sized from the parts' lengths, so usually exactly (no final copy), and grown only
 * when that was short; ASCII text (nearly every header) is copied char by char without an intermediate encoded
 * array.
 */
final class MessageWriter {
    private MessageWriter() {}

    static byte[] write(SipMessage m) {
        HeaderTable t = m.table();
        byte[] src = t.src;
        if (!m.startLineEdited && !m.hasNewBody() && !t.edited() && m.headersEnd >= 0) {
            return Arrays.copyOfRange(src, m.msgStart, m.bodyEnd());
        }
        String startLine = m.startLineEdited ? m.startLine() : null;
        Out out = new Out(size(m, startLine));
        if (startLine != null) {
            out.text(startLine);
            out.crlf();
        } else {
            out.bytes(src, m.msgStart, m.startLineEnd - m.msgStart);
        }
        int sectionEnd = m.headersEnd >= 0 ? m.headersEnd : 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.isOriginal(i)) {
                int from = t.lineStart(i);
                out.bytes(src, from, t.originalLineEnd(i, sectionEnd) - from);
            } else {
                out.text(t.nameText(i));
                out.ensure(2);
                out.buf[out.n++] = ':';
                out.buf[out.n++] = ' ';
                out.text(t.valueText(i));
                out.crlf();
            }
        }
        if (m.headersEnd >= 0 && m.bodyStart() > m.headersEnd) {
            out.bytes(src, m.headersEnd, m.bodyStart() - m.headersEnd);
        } else {
            out.crlf();
        }
        if (m.hasNewBody()) {
            byte[] b = m.newBody();
            out.bytes(b, 0, b.length);
        } else {
            out.bytes(src, m.bodyStart(), m.bodyEnd() - m.bodyStart());
        }
        return out.n == out.buf.length ? out.buf : Arrays.copyOf(out.buf, out.n);
    }

    /**
     * The size of the output when every edited text is ASCII and every original line ends right after its value,
     * as nearly all do: then the array is filled exactly and returned without a final copy.
     */
    private static int size(SipMessage m, String startLine) {
        int n = m.bodyLength() + 2 + (startLine != null ? startLine.length() + 2 : m.startLineEnd - m.msgStart);
        HeaderTable t = m.table();
        for (int i = 0; i < t.size(); i++) {
            if (t.isOriginal(i)) {
                n += t.valueEnd(i) - t.lineStart(i) + 2;
            } else {
                n += t.nameText(i).length() + t.valueText(i).length() + 4;
            }
        }
        return n;
    }

    /** A growable byte array without locks or per-call encoder arrays. */
    private static final class Out {
        byte[] buf;
        int n;

        Out(int capacity) {
            buf = new byte[Math.max(capacity, 64)];
        }

        void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void bytes(byte[] b, int from, int len) {
            ensure(len);
            System.arraycopy(b, from, buf, n, len);
            n += len;
        }

        void crlf() {
            ensure(2);
            buf[n++] = '\r';
            buf[n++] = '\n';
        }

        /** UTF-8 text; ASCII is copied directly, anything else goes through the encoder. */
        void text(String s) {
            int len = s.length();
            ensure(len);
            int start = n;
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    n = start;
                    byte[] enc = s.getBytes(StandardCharsets.UTF_8);
                    bytes(enc, 0, enc.length);
                    return;
                }
                buf[n++] = (byte) c;
            }
        }
    }
}
