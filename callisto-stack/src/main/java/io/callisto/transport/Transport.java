package io.callisto.transport;

import java.util.Locale;

/**
 * The SIP transports by their Via token (RFC 3261 §18, §20.42; RFC 7118 WS/WSS; RFC 4168 SCTP).
 * All have listening points; WS and WSS accept connections but never open them; SCTP works where the host supports
 * it (the kernel's SCTP module and libsctp), and says why not where it does not.
 */
public enum Transport {
    UDP("UDP", false, false, 5060),
    TCP("TCP", true, false, 5060),
    TLS("TLS", true, true, 5061),
    WS("WS", true, false, 80),
    WSS("WSS", true, true, 443),
    SCTP("SCTP", true, false, 5060);

    private final String token;
    private final boolean reliable;
    private final boolean secure;
    private final int defaultPort;

    Transport(String token, boolean reliable, boolean secure, int defaultPort) {
        this.token = token;
        this.reliable = reliable;
        this.secure = secure;
        this.defaultPort = defaultPort;
    }

    /** The token written in the Via header ("UDP", "TLS", ...). */
    public String viaToken() {
        return token;
    }

    /** Reliable transports need no retransmission timers (§17.1.1.2: Timer A is not started). */
    public boolean reliable() {
        return reliable;
    }

    /** TLS and WSS: required for {@code sips:} targets (§26.2.2). */
    public boolean secure() {
        return secure;
    }

    /** The port assumed when a URI or Via names none (§19.1.2, §18.2.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * This transport as a {@code sips:} URI asks for it when {@code sips}: TCP becomes TLS (RFC 3261 §26.2.2) and WS
     * becomes WSS (RFC 7118 §5.5); any other transport, or a {@code sip:} URI, keeps it as it is.
     */
    public Transport securedFor(boolean sips) {
        if (!sips) {
            return this;
        }
        return this == TCP ? TLS : this == WS ? WSS : this;
    }

    /** The transport named by a Via token or a {@code transport=} URI parameter, case-insensitively; null if unknown. */
    public static Transport fromToken(String token) {
        if (token == null) {
            return null;
        }
        switch (token.toUpperCase(Locale.ROOT)) {
            case "UDP": return UDP;
            case "TCP": return TCP;
            case "TLS": return TLS;
            case "WS": return WS;
            case "WSS": return WSS;
            case "SCTP": return SCTP;
            default: return null;
        }
    }
}
