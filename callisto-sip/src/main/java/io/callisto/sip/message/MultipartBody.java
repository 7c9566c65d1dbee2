package io.callisto.sip.message;

import io.callisto.sip.header.MediaType;
import io.callisto.sip.header.Parameters;
import io.callisto.sip.parse.ParseError;
import io.callisto.sip.parse.ParserLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart MIME body (RFC 2046 §5.1.1) into its parts: SDP beside ISUP for SIP-T (RFC 3204), PIDF,
 * resource lists. The CRLF before each delimiter belongs to the delimiter; preamble and epilogue are dropped;
 * nested multiparts are split too, within {@link ParserLimits#maxNesting()} and
 * {@link ParserLimits#maxBodyParts()}. Binary content (NULs, bare LFs) passes through untouched.
 */
public final class MultipartBody {
    private MultipartBody() {}

    /** The parts of {@code message}'s body, which must have a multipart Content-Type with a boundary. */
    public static List<BodyPart> parts(SipMessage message) {
        MediaType type = message.contentType();
        if (type == null || !type.type().equalsIgnoreCase("multipart")) {
            throw new ParseError("body is not multipart");
        }
        return parse(type, message.body(), ParserLimits.DEFAULT);
    }

    public static List<BodyPart> parse(MediaType type, byte[] body, ParserLimits limits) {
        int[] budget = {limits.maxBodyParts()};
        return parse(type, body, 0, body.length, limits.maxNesting(), budget);
    }

    private static List<BodyPart> parse(MediaType type, byte[] b, int from, int to, int depth, int[] budget) {
        if (depth <= 0) {
            throw new ParseError("multipart nesting too deep");
        }
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new ParseError("multipart Content-Type without a valid boundary (RFC 2046 §5.1.1)");
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int p = findDelimiter(b, from, to, delim, true);
        if (p < 0) {
            throw new ParseError("multipart body has no boundary delimiter");
        }
        List<BodyPart> parts = new ArrayList<>();
        while (true) {
            int afterDelim = p + delim.length;
            if (afterDelim + 1 < to && b[afterDelim] == '-' && b[afterDelim + 1] == '-') {
                return parts; // close-delimiter: the rest is epilogue
            }
            int partStart = skipLine(b, afterDelim, to);
            if (partStart < 0) {
                throw new ParseError("multipart body ends after a delimiter");
            }
            int next = findDelimiter(b, partStart, to, delim, false);
            if (next < 0) {
                throw new ParseError("multipart body has no closing delimiter");
            }
            int partEnd = next;
            if (partEnd > partStart && b[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > partStart && b[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            if (--budget[0] < 0) {
                throw new ParseError("too many body parts");
            }
            parts.add(part(b, partStart, partEnd, depth, budget));
            p = next;
        }
    }

    private static BodyPart part(byte[] b, int from, int to, int depth, int[] budget) {
        List<String[]> headers = new ArrayList<>();
        int p = from;
        MediaType type = new MediaType("text", "plain", Parameters.EMPTY);
        while (p < to && b[p] != '\r' && b[p] != '\n') {
            int eol = p;
            while (eol < to && !(b[eol] == '\n' && (eol + 1 >= to || (b[eol + 1] != ' ' && b[eol + 1] != '\t')))) {
                eol++;
            }
            String line = new String(b, p, eol - p, StandardCharsets.UTF_8).replaceAll("\r?\n[ \t]+", " ").trim();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ParseError("malformed header in body part", p);
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("c")) {
                type = MediaType.parse(value);
            }
            p = eol + 1;
        }
        if (p < to) {
            p += b[p] == '\r' && p + 1 < to && b[p + 1] == '\n' ? 2 : 1; // the empty line ending the part headers
        } else {
            p = to;
        }
        byte[] content = Arrays.copyOfRange(b, p, to);
        List<BodyPart> nested = type.type().equalsIgnoreCase("multipart")
                ? parse(type, b, p, to, depth - 1, budget) : List.of();
        return new BodyPart(List.copyOf(headers), type, content, nested);
    }

    /** Finds "--boundary" at the start of a line (the body start counts as one when {@code atStartOk}). */
    private static int findDelimiter(byte[] b, int from, int to, byte[] delim, boolean atStartOk) {
        for (int p = from; p + delim.length <= to; p++) {
            boolean lineStart = p == from && atStartOk || p > 0 && b[p - 1] == '\n';
            if (lineStart && matches(b, p, delim)) {
                return p;
            }
        }
        return -1;
    }

    private static boolean matches(byte[] b, int p, byte[] delim) {
        for (int i = 0; i < delim.length; i++) {
            if (b[p + i] != delim[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipLine(byte[] b, int p, int to) {
        while (p < to && b[p] != '\n') {
            p++;
        }
        return p < to ? p + 1 : -1;
    }
}
