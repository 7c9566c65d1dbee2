package io.callisto.sip.message;

import io.callisto.sip.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One part of a multipart body (RFC 2046 §5.1): its MIME headers and content. A part whose type is itself
 * multipart has its own {@link #parts()}.
 *
 * @param headers     the part's header lines as name/value pairs, in order, values unfolded and trimmed
 * @param contentType the part's Content-Type; text/plain when absent (RFC 2046 §5.1)
 * @param content     the part's bytes, exactly as in the body
 * @param parts       nested parts for a multipart part, else empty
 */
public record BodyPart(List<String[]> headers, MediaType contentType, byte[] content, List<BodyPart> parts) {
    /** The first value of the named part header (case-insensitive), or null. */
    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
