package io.callisto.ua;

import io.callisto.sip.header.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A message body with its type: an SDP offer or answer, an INFO payload, a MESSAGE text.
 *
 * @param type  the Content-Type
 * @param bytes the body (not copied; do not modify after handing it over)
 */
public record Body(MediaType type, byte[] bytes) {

    public Body {
        if (type == null || bytes == null) {
            throw new IllegalArgumentException("a body needs a type and bytes");
        }
    }

    /** A text body of the given type, UTF-8 encoded. */
    public static Body of(String type, String text) {
        return new Body(MediaType.parse(type), text.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/sdp} body. */
    public static Body sdp(String sdp) {
        return new Body(MediaType.SDP, sdp.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body b && type.equals(b.type) && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return type + " (" + bytes.length + " bytes)";
    }
}
