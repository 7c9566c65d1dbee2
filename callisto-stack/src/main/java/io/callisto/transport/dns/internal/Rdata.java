package io.callisto.transport.dns.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the RDATA of NAPTR (RFC 3403 §4.1) and SRV (RFC 2782) records, which Netty hands over raw. Every read is
 * bounds-checked: malformed data throws {@link IllegalArgumentException}, which the caller treats as "no record".
 * Domain names may use compression pointers (RFC 1035 §4.1.4) although RFC 2782 and RFC 3403 forbid it; they are
 * followed within the buffer Netty shares with the whole message, at most 64 jumps.
 */
final class Rdata {

    private Rdata() {
    }

    static DnsLookup.Srv srv(ByteBuf rdata) {
        int i = rdata.readerIndex();
        int end = rdata.writerIndex();
        need(i + 6 <= end);
        int priority = rdata.getUnsignedShort(i);
        int weight = rdata.getUnsignedShort(i + 2);
        int port = rdata.getUnsignedShort(i + 4);
        return new DnsLookup.Srv(priority, weight, port, name(rdata, i + 6, end));
    }

    static DnsLookup.Naptr naptr(ByteBuf rdata) {
        int i = rdata.readerIndex();
        int end = rdata.writerIndex();
        need(i + 4 <= end);
        int order = rdata.getUnsignedShort(i);
        int preference = rdata.getUnsignedShort(i + 2);
        i += 4;
        String[] texts = new String[3];
        for (int k = 0; k < 3; k++) {
            need(i < end);
            int len = rdata.getUnsignedByte(i);
            need(i + 1 + len <= end);
            texts[k] = rdata.toString(i + 1, len, StandardCharsets.US_ASCII);
            i += 1 + len;
        }
        return new DnsLookup.Naptr(order, preference, texts[0].toLowerCase(Locale.ROOT),
                texts[1].toUpperCase(Locale.ROOT), texts[2], name(rdata, i, end));
    }

    /** A domain name at {@code at}, lower case, without the trailing dot; "" for the root. */
    static String name(ByteBuf buf, int at, int end) {
        StringBuilder sb = new StringBuilder();
        int i = at;
        int limit = end;
        int jumps = 0;
        while (true) {
            need(i >= 0 && i < limit);
            int len = buf.getUnsignedByte(i);
            if ((len & 0xC0) == 0xC0) {
                need(i + 1 < limit && ++jumps <= 64);
                i = ((len & 0x3F) << 8) | buf.getUnsignedByte(i + 1);
                limit = buf.capacity();
                continue;
            }
            need((len & 0xC0) == 0);
            if (len == 0) {
                return sb.toString().toLowerCase(Locale.ROOT);
            }
            need(i + 1 + len <= limit && sb.length() + len < 256);
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(buf.toString(i + 1, len, StandardCharsets.US_ASCII));
            i += 1 + len;
        }
    }

    private static void need(boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("malformed DNS record data");
        }
    }
}
