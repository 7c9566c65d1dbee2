package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.ArrayList;
import java.util.List;

/**
 * The media field, {@code m=<media> <port>[/<number of ports>] <proto> <fmt> ...} (RFC 8866 §5.14), the first
 * line of a media description.
 *
 * @param media     the media type, e.g. "audio"
 * @param port      the transport port, 0-65535 (0 rejects or disables the stream, RFC 3264 §6)
 * @param portCount the number of ports when written ("/n"), else 0
 * @param proto     the transport protocol, e.g. "RTP/AVP"
 * @param formats   the formats, at least one
 */
record MediaField(String media, int port, int portCount, String proto, List<String> formats) {

    private static final String CTX = "bad m= line";

    MediaField {
        Fields.require(Fields.isToken(media), "media must be a token");
        Fields.require(port >= 0 && port <= 65_535, "port must be 0-65535");
        Fields.require(portCount >= 0 && portCount <= 65_535, "port count must be 1-65535 (or 0 for none)");
        Fields.require(isProto(proto), "proto must be token *(\"/\" token)");
        formats = List.copyOf(formats);
        Fields.require(!formats.isEmpty(), "at least one format is required");
        for (String f : formats) {
            Fields.require(Fields.isToken(f), "formats must be tokens");
        }
    }

    private static boolean isProto(String proto) {
        if (proto == null || proto.isEmpty()) {
            return false;
        }
        for (String part : proto.split("/", -1)) {
            if (!Fields.isToken(part)) {
                return false;
            }
        }
        return true;
    }

    static MediaField parse(Cursor c) {
        int[] f = Fields.split(c);
        int n = f.length / 2;
        if (n == 3) {
            throw Fields.error(CTX, "no formats", c.end);
        }
        if (n < 3) {
            throw Fields.error(CTX, "expected <media> <port> <proto> <fmt> ..., found " + n + " fields", c.end);
        }
        String media = Fields.token(c, f[0], f[1], CTX, "media type");
        int slash = f[2];
        while (slash < f[3] && c.b[slash] != '/') {
            slash++;
        }
        long port = Fields.number(c, f[2], slash, CTX, "port", 5);
        if (port > 65_535) {
            throw Fields.error(CTX, "port out of range", f[2]);
        }
        int count = 0;
        if (slash < f[3]) {
            long n2 = Fields.number(c, slash + 1, f[3], CTX, "number of ports", 5);
            if (n2 < 1 || n2 > 65_535) {
                throw Fields.error(CTX, "number of ports out of range", slash + 1);
            }
            count = (int) n2;
        }
        int s = f[4];
        for (int i = f[4]; i <= f[5]; i++) {
            if (i == f[5] || c.b[i] == '/') {
                Fields.token(c, s, i, CTX, "proto");
                s = i + 1;
            }
        }
        String proto = c.ascii(f[4], f[5]);
        List<String> formats = new ArrayList<>(n - 3);
        for (int i = 6; i < f.length; i += 2) {
            formats.add(Fields.token(c, f[i], f[i + 1], CTX, "format"));
        }
        return new MediaField(media, (int) port, count, proto, formats);
    }

    MediaField withPort(int newPort) {
        return new MediaField(media, newPort, portCount, proto, formats);
    }

    MediaField withFormats(List<String> newFormats) {
        return new MediaField(media, port, portCount, proto, newFormats);
    }

    MediaField withProto(String newProto) {
        return new MediaField(media, port, portCount, newProto, formats);
    }

    /** The value in canonical form, as written after "m=". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(media).append(' ').append(port);
        if (portCount > 0) {
            sb.append('/').append(portCount);
        }
        sb.append(' ').append(proto);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }
}
