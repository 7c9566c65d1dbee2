package io.callisto.sip.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a message: an unedited message is its original bytes; an edited one is the original bytes of every
 * untouched part, with changed and added lines written as {@code Name: value CRLF} (DESIGN principle 2).
 */
final class MessageWriter {
    private MessageWriter() {}

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] COLON_SP = {':', ' '};

    static byte[] write(SipMessage m) {
        HeaderTable t = m.table();
        byte[] src = t.src;
        if (!m.startLineEdited && !m.hasNewBody() && !t.edited() && m.headersEnd >= 0) {
            return Arrays.copyOfRange(src, m.msgStart, m.bodyEnd());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(m));
        if (m.startLineEdited) {
            out.writeBytes(m.startLine().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        } else {
            out.write(src, m.msgStart, m.startLineEnd - m.msgStart);
        }
        int sectionEnd = m.headersEnd >= 0 ? m.headersEnd : 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.isOriginal(i)) {
                int from = t.lineStart(i);
                out.write(src, from, t.originalLineEnd(i, sectionEnd) - from);
            } else {
                out.writeBytes(t.nameText(i).getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(COLON_SP);
                out.writeBytes(t.valueText(i).getBytes(StandardCharsets.UTF_8));
                out.writeBytes(CRLF);
            }
        }
        if (m.headersEnd >= 0 && m.bodyStart() > m.headersEnd) {
            out.write(src, m.headersEnd, m.bodyStart() - m.headersEnd);
        } else {
            out.writeBytes(CRLF);
        }
        if (m.hasNewBody()) {
            out.writeBytes(m.newBody());
        } else {
            out.write(src, m.bodyStart(), m.bodyEnd() - m.bodyStart());
        }
        return out.toByteArray();
    }

    private static int estimate(SipMessage m) {
        int n = m.bodyLength() + 64;
        HeaderTable t = m.table();
        for (int i = 0; i < t.size(); i++) {
            n += t.isOriginal(i) ? t.valueEnd(i) - t.lineStart(i) + 4 : 64;
        }
        return n;
    }
}
