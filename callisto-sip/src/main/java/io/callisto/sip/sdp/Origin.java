package io.callisto.sip.sdp;

import io.callisto.sip.internal.Cursor;
import java.util.Objects;

/**
 * The origin field, {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}
 * (RFC 8866 §5.2).
 *
 * <p>The session id and version are kept as the decimal strings they were written as: the grammar gives them no
 * upper bound ({@code 1*DIGIT}) and real ones exceed 64 bits now and then. {@link #nextVersion()} increments
 * the version as RFC 3264 §8 requires of every modified offer.
 *
 * @param username       the user's login, or "-" (a non-ws-string)
 * @param sessionId      the session id, 1*DIGIT
 * @param sessionVersion the version of this description, 1*DIGIT
 * @param netType        the network type, typically "IN"
 * @param addrType       the address type, typically "IP4" or "IP6"
 * @param address        the originating host's address or name
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {

    private static final String CTX = "bad o= line";

    /**
     * Checks every subfield against the §9 grammar.
     *
     * @throws IllegalArgumentException when one does not match
     */
    public Origin {
        Fields.require(Fields.isVisible(username), "username must be a non-empty string without spaces");
        Fields.require(Fields.isDigits(sessionId), "sess-id must be a decimal number");
        Fields.require(Fields.isDigits(sessionVersion), "sess-version must be a decimal number");
        Fields.require(Fields.isToken(netType), "nettype must be a token");
        Fields.require(Fields.isToken(addrType), "addrtype must be a token");
        Fields.require(Fields.isVisible(address), "address must be a non-empty string without spaces");
    }

    /** An "IN" origin whose address type (IP4 or IP6) is inferred from the address (RFC 5118 §4.6). */
    public static Origin of(String username, long sessionId, long sessionVersion, String address) {
        Objects.requireNonNull(address, "address");
        return new Origin(username, Long.toUnsignedString(sessionId), Long.toUnsignedString(sessionVersion), "IN",
                Connection.addrTypeOf(address), address);
    }

    /**
     * Parses the value of an o= line (the text after "o=").
     *
     * @throws io.callisto.sip.parse.ParseError when it does not match the grammar
     */
    public static Origin parse(String value) {
        return parse(Cursor.of(value));
    }

    static Origin parse(Cursor c) {
        int[] f = Fields.split(c);
        if (f.length != 12) {
            int at = f.length > 12 ? f[12] : c.end;
            throw Fields.error(CTX, "expected 6 fields, found " + f.length / 2, at);
        }
        String user = Fields.visible(c, f[0], f[1], CTX, "username");
        String id = Fields.digits(c, f[2], f[3], CTX, "sess-id");
        String version = Fields.digits(c, f[4], f[5], CTX, "sess-version");
        String net = Fields.token(c, f[6], f[7], CTX, "nettype");
        String addrType = Fields.token(c, f[8], f[9], CTX, "addrtype");
        String addr = Fields.visible(c, f[10], f[11], CTX, "unicast-address");
        return new Origin(user, id, version, net, addrType, addr);
    }

    /** The same origin with another session version. */
    public Origin withSessionVersion(String version) {
        return new Origin(username, sessionId, version, netType, addrType, address);
    }

    /** The same origin with the session version incremented by one (RFC 3264 §8: a new offer's version). */
    public Origin nextVersion() {
        char[] d = sessionVersion.toCharArray();
        int i = d.length - 1;
        while (i >= 0 && d[i] == '9') {
            d[i--] = '0';
        }
        if (i < 0) {
            return withSessionVersion("1" + new String(d));
        }
        d[i]++;
        return withSessionVersion(new String(d));
    }

    /** The same origin with another address (the address type is inferred). */
    public Origin withAddress(String newAddress) {
        return new Origin(username, sessionId, sessionVersion, netType, Connection.addrTypeOf(newAddress),
                newAddress);
    }

    /** The value in canonical form, as written after "o=". */
    @Override
    public String toString() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }
}
