package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;

/**
 * The connection field, {@code c=<nettype> <addrtype> <connection-address>} (RFC 8866 §5.7).
 *
 * <p>For address type IP4 the connection address may carry a multicast TTL and a number of addresses,
 * {@code <base>/<ttl>[/<number>]}; for IP6 only a number of addresses, {@code <base>[/<number>]} (IP6 multicast
 * has no TTL, §5.7). For other address types the address is kept whole. IPv6 addresses are written without
 * brackets (RFC 5118 §4.6).
 *
 * @param netType  the network type, typically "IN"
 * @param addrType the address type, typically "IP4" or "IP6"
 * @param address  the (base) address, without the TTL and number suffixes
 * @param ttl      the IP4 multicast TTL (0-255), or -1 when not given
 * @param count    the number of contiguous addresses, 1 when not given
 */
public record Connection(String netType, String addrType, String address, int ttl, int count) {

    private static final String CTX = "bad c= line";

    /**
     * Checks every subfield against the §9 grammar.
     *
     * @throws IllegalArgumentException when one does not match
     */
    public Connection {
        Fields.require(Fields.isToken(netType), "nettype must be a token");
        Fields.require(Fields.isToken(addrType), "addrtype must be a token");
        Fields.require(Fields.isVisible(address), "address must be a non-empty string without spaces");
        Fields.require(ttl >= -1 && ttl <= 255, "TTL must be 0-255 (or -1 for none)");
        Fields.require(count >= 1, "address count must be at least 1");
        boolean ip4 = "IP4".equalsIgnoreCase(addrType);
        boolean ip6 = "IP6".equalsIgnoreCase(addrType);
        Fields.require(!(ip4 || ip6) || address.indexOf('/') < 0, "address must not contain '/'");
        Fields.require(ip4 || ttl < 0, "only IP4 addresses take a TTL");
        Fields.require(ip4 || ip6 || count == 1, "only IP4 and IP6 addresses take an address count");
        Fields.require(!ip4 || count == 1 || ttl >= 0, "an IP4 address count needs a TTL");
    }

    /** A unicast "IN IP4" connection. */
    public static Connection ip4(String address) {
        return new Connection("IN", "IP4", address, -1, 1);
    }

    /** A unicast "IN IP6" connection. */
    public static Connection ip6(String address) {
        return new Connection("IN", "IP6", address, -1, 1);
    }

    /** A unicast "IN" connection whose address type is inferred: IP6 when the address contains ':'. */
    public static Connection of(String address) {
        return new Connection("IN", addrTypeOf(address), address, -1, 1);
    }

    static String addrTypeOf(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /**
     * Parses the value of a c= line (the text after "c=").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the grammar
     */
    public static Connection parse(String value) {
        return parse(Cursor.of(value));
    }

    static Connection parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length != 6) {
            int at = f.length > 6 ? f[6] : c.end;
            throw Fields.error(CTX, "expected 3 fields, found " + f.length / 2, at);
        }
        String net = Fields.token(c, f[0], f[1], CTX, "nettype");
        String type = Fields.token(c, f[2], f[3], CTX, "addrtype");
        Fields.visible(c, f[4], f[5], CTX, "connection address");
        boolean ip4 = "IP4".equalsIgnoreCase(type);
        boolean ip6 = "IP6".equalsIgnoreCase(type);
        if (!ip4 && !ip6) {
            return new Connection(net, type, c.utf8(f[4], f[5]), -1, 1);
        }
        int s = f[4];
        int e = f[5];
        int slash1 = indexOf(c.b, s, e, '/');
        int addrEnd = slash1 < 0 ? e : slash1;
        if (addrEnd == s) {
            throw Fields.error(CTX, "connection address expected", s);
        }
        String addr = c.utf8(s, addrEnd);
        if (slash1 < 0) {
            return new Connection(net, type, addr, -1, 1);
        }
        int slash2 = indexOf(c.b, slash1 + 1, e, '/');
        int firstEnd = slash2 < 0 ? e : slash2;
        if (ip6) {
            if (slash2 >= 0) {
                throw Fields.error(CTX, "IP6 multicast address takes no TTL", slash2);
            }
            return new Connection(net, type, addr, -1, count(c, slash1 + 1, e));
        }
        long ttl = Fields.number(c, slash1 + 1, firstEnd, CTX, "TTL", 3);
        if (ttl > 255) {
            throw Fields.error(CTX, "TTL out of range", slash1 + 1);
        }
        if (slash2 < 0) {
            return new Connection(net, type, addr, (int) ttl, 1);
        }
        if (indexOf(c.b, slash2 + 1, e, '/') >= 0) {
            throw Fields.error(CTX, "too many '/' in connection address", indexOf(c.b, slash2 + 1, e, '/'));
        }
        return new Connection(net, type, addr, (int) ttl, count(c, slash2 + 1, e));
    }

    private static int count(Cursor c, int s, int e) {
        long n = Fields.number(c, s, e, CTX, "address count", 5);
        if (n < 1 || n > 65_535) {
            throw Fields.error(CTX, "address count out of range", s);
        }
        return (int) n;
    }

    private static int indexOf(byte[] b, int s, int e, char ch) {
        for (int i = s; i < e; i++) {
            if (b[i] == ch) {
                return i;
            }
        }
        return -1;
    }

    /** The same connection with another address (and the address type inferred from it), unicast. */
    public Connection withAddress(String newAddress) {
        return new Connection(netType, addrTypeOf(newAddress), newAddress, -1, 1);
    }

    /** The connection address subfield as it would be written: address, then "/ttl" and "/count" if any. */
    public String connectionAddress() {
        StringBuilder sb = new StringBuilder(address);
        if (ttl >= 0) {
            sb.append('/').append(ttl);
        }
        if (count > 1) {
            sb.append('/').append(count);
        }
        return sb.toString();
    }

    /** The value in canonical form, as written after "c=". */
    @Override
    public String toString() {
        return netType + ' ' + addrType + ' ' + connectionAddress();
    }
}
