package io.callisto.sip.uri;

/**
 * The host rule of RFC 3261 §25.1 (host = hostname / IPv4address / IPv6reference, with the IPv6 forms of RFC 5118)
 * for the header grammars that use it outside a URI: Via sent-by, Warning agents. The same checks as a SIP URI's
 * host, so a host that a URI rejects is rejected there too.
 */
public final class HostSyntax {
    private HostSyntax() {}

    /**
     * Checks the host starting at {@code b[from]} and returns the offset just after it.
     *
     * @throws io.callisto.sip.parse.ParseError when no valid host starts there
     */
    public static int end(byte[] b, int from, int to) {
        return HostParser.parse(b, from, to);
    }
}
