package io.callisto.transport.internal;

import io.callisto.sip.header.HeaderName;
import io.callisto.sip.message.MessageBuilder;
import io.callisto.sip.message.Messages;
import io.callisto.sip.message.SipRequest;
import io.callisto.sip.message.SipResponse;
import io.callisto.sip.parse.ParseError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The error responses the transport sends itself for requests it cannot pass up: 400 for a malformed request
 * (§18.3, §8.2.2), 505 for an unsupported version, 513 for an oversize one (§21.5.11). A response is built only
 * when what the client needs to match it is there: a Via, a Call-ID and a CSeq (§8.2.6.2); otherwise the request
 * is dropped. A top Via that does not parse is copied as written (RFC 4475 §3.1.2.1 expects a 400 even then): these
 * responses go back over the request's own flow (the datagram's source, or its connection), not by the Via.
 * ACKs are never answered (§17.1.1.3: an ACK has no response).
 */
public final class BadRequests {

    /** Longest reason phrase written (the phrase names the problem, it is not a report). */
    static final int MAX_REASON = 100;

    private BadRequests() {
    }

    /** The response for a request that parsed but failed validation, or null when it cannot be answered. */
    public static SipResponse forMessage(SipRequest request, int status, String reason) {
        if ("ACK".equals(request.method())) {
            return null;
        }
        try {
            if (request.count(HeaderName.CALL_ID) == 0 || request.count(HeaderName.CSEQ) == 0
                    || request.count(HeaderName.VIA) == 0) {
                return null;
            }
            return Messages.responseTo(request, status, phrase(reason), null);
        } catch (ParseError | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The response for a request that did not parse, read from the raw header lines of {@code b[0, len)}; null
     * when the bytes are a response, an ACK, or lack a parsable Via, a Call-ID or a CSeq. At most
     * {@code maxLines} header lines are looked at.
     */
    public static SipResponse forBytes(byte[] b, int len, int maxLines, int status, String reason) {
        int p = 0;
        while (p < len && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        int sp = p;
        while (sp < len && sp - p < 32 && b[sp] > ' ' && b[sp] < 0x7f) {
            sp++;
        }
        String first = new String(b, p, sp - p, StandardCharsets.ISO_8859_1);
        if (first.isEmpty() || first.regionMatches(true, 0, "SIP/", 0, 4) || first.equals("ACK")) {
            return null;
        }
        List<String> vias = new ArrayList<>(2);
        String from = null;
        String to = null;
        String callId = null;
        String cseq = null;
        p = lineEnd(b, p, len);
        for (int lines = 0; p < len && lines < maxLines; lines++) {
            int end = lineEnd(b, p, len);
            int stop = end;
            while (stop > p && (b[stop - 1] == '\n' || b[stop - 1] == '\r')) {
                stop--;
            }
            if (stop == p) {
                break; // the empty line that ends the header section
            }
            int colon = indexOf(b, p, stop, (byte) ':');
            if (colon > p && b[p] != ' ' && b[p] != '\t') {
                HeaderName name = HeaderName.lookup(new String(b, p, colon - p, StandardCharsets.ISO_8859_1).trim());
                String value = new String(b, colon + 1, stop - colon - 1, StandardCharsets.UTF_8).trim();
                if (name == HeaderName.VIA) {
                    vias.add(value);
                } else if (name == HeaderName.FROM && from == null) {
                    from = value;
                } else if (name == HeaderName.TO && to == null) {
                    to = value;
                } else if (name == HeaderName.CALL_ID && callId == null) {
                    callId = value;
                } else if (name == HeaderName.CSEQ && cseq == null) {
                    cseq = value;
                }
            }
            p = end;
        }
        if (vias.isEmpty() || callId == null || callId.isEmpty() || cseq == null) {
            return null;
        }
        try {
            MessageBuilder r = MessageBuilder.response(status, phrase(reason));
            for (String v : vias) {
                r.header(HeaderName.VIA.canonical(), v);
            }
            if (from != null) {
                r.header(HeaderName.FROM.canonical(), from);
            }
            if (to != null) {
                r.header(HeaderName.TO.canonical(), to);
            }
            r.header(HeaderName.CALL_ID.canonical(), callId);
            r.header(HeaderName.CSEQ.canonical(), cseq);
            return r.buildResponse();
        } catch (ParseError | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A reason phrase naming the problem: printable ASCII only (anything else becomes '?'), at most
     * {@value #MAX_REASON} characters, "Bad Request" when empty.
     */
    public static String phrase(String reason) {
        if (reason == null || reason.isBlank()) {
            return "Bad Request";
        }
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON; i++) {
            char c = reason.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString().trim();
    }

    /** Offset just past the LF ending the line at {@code p}, or {@code len}. */
    private static int lineEnd(byte[] b, int p, int len) {
        while (p < len && b[p] != '\n') {
            p++;
        }
        return p < len ? p + 1 : len;
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
