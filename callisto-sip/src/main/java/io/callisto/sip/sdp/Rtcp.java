package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.Optional;

/**
 * The value of an {@code a=rtcp:<port> [<nettype> <addrtype> <connection-address>]} attribute (RFC 3605 §2.1):
 * the RTCP port, and optionally address, of a media stream when it is not the RTP port plus one on the
 * connection address. It is a media-level attribute only (RFC 3605 §2.1).
 *
 * @param port     the RTCP port, 0-65535
 * @param netType  the network type, or null when no address is given
 * @param addrType the address type, or null when no address is given
 * @param address  the connection address as written, or null when no address is given
 */
public record Rtcp(int port, String netType, String addrType, String address) {

    private static final String CTX = "bad rtcp";

    /**
     * Checks the port range and that the address parts are all present or all absent.
     *
     * @throws IllegalArgumentException when they are not
     */
    public Rtcp {
        Fields.require(port >= 0 && port <= 65_535, "port must be 0-65535");
        boolean none = netType == null && addrType == null && address == null;
        Fields.require(none || Fields.isToken(netType) && Fields.isToken(addrType) && Fields.isVisible(address),
                "nettype, addrtype and address must all be given (as tokens and a non-ws-string) or all be null");
    }

    /** An rtcp attribute giving the port only. */
    public static Rtcp of(int port) {
        return new Rtcp(port, null, null, null);
    }

    /** An rtcp attribute with an "IN" address whose type is inferred from it. */
    public static Rtcp of(int port, String address) {
        return new Rtcp(port, "IN", Connection.addrTypeOf(address), address);
    }

    /**
     * Parses an rtcp attribute value (the text after "a=rtcp:").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the RFC 3605 §2.1 grammar
     */
    public static Rtcp parse(String value) {
        return parse(Cursor.of(value));
    }

    static Rtcp parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length != 2 && f.length != 8) {
            int at = f.length > 8 ? f[8] : f.length > 2 ? c.end : c.pos;
            throw Fields.error(CTX, "expected a port, optionally followed by nettype, addrtype and address", at);
        }
        long port = Fields.number(c, f[0], f[1], CTX, "port", 5);
        if (port > 65_535) {
            throw Fields.error(CTX, "port out of range", f[0]);
        }
        if (f.length == 2) {
            return of((int) port);
        }
        String net = Fields.token(c, f[2], f[3], CTX, "nettype");
        String type = Fields.token(c, f[4], f[5], CTX, "addrtype");
        String addr = Fields.visible(c, f[6], f[7], CTX, "connection address");
        return new Rtcp((int) port, net, type, addr);
    }

    /** The address, if one is given. */
    public Optional<String> addressIfAny() {
        return Optional.ofNullable(address);
    }

    /** The value in canonical form, as written after "a=rtcp:". */
    @Override
    public String toString() {
        return address == null ? Integer.toString(port) : port + " " + netType + ' ' + addrType + ' ' + address;
    }

    /** This rtcp value as an attribute. */
    public Attribute toAttribute() {
        return Attribute.of(Attribute.RTCP, toString());
    }
}
