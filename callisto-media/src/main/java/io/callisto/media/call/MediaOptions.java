package io.callisto.media.call;

import io.callisto.media.rtp.PortRange;
import io.callisto.media.sdp.Codec;
import io.callisto.media.srtp.SrtpMode;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MediaEngine} sets up the media of its calls.
 *
 * @param bindAddress        the local address RTP sockets bind to
 * @param advertisedAddress  the address written in SDP c= and o= lines (the bind address unless it is the
 *                           wildcard, or a public address in front of a NAT)
 * @param ports              the local port range (RTP on even ports, RTCP on the next)
 * @param srtp               SRTP with SDES keys: off, optional (offered, accepted), or required
 * @param codecs             the codecs offered and accepted, most preferred first (G.711 and telephone-event)
 * @param cname              the RTCP CNAME (RFC 3550 §6.5.1), e.g. "alice@example.com"
 * @param rtcpIntervalMillis the mean RTCP report interval (5000 ms, RFC 3550 §6.2)
 * @param threads            the number of media event loops (one clock paces all calls on the first)
 * @param rtcpMux            offer and accept RTP and RTCP on one port (RFC 5761); an offer still names a separate
 *                           RTCP port, used when the answer does not take the multiplexing (§5.1.1)
 */
public record MediaOptions(InetAddress bindAddress, String advertisedAddress, PortRange ports, SrtpMode srtp,
                           List<Codec> codecs, String cname, int rtcpIntervalMillis, int threads, boolean rtcpMux) {

    /** The telephone-event payload type offered by default (the value most phones use). */
    public static final int TELEPHONE_EVENT = 101;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when no audio codec is listed or a number is out of range
     */
    public MediaOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddress, "advertisedAddress");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(srtp, "srtp");
        Objects.requireNonNull(cname, "cname");
        codecs = List.copyOf(codecs);
        if (codecs.stream().allMatch(Codec::isTelephoneEvent)) {
            throw new IllegalArgumentException("no audio codec: offer PCMU or PCMA");
        }
        for (Codec c : codecs) {
            if (!c.isTelephoneEvent() && !c.sameEncoding(io.callisto.sip.sdp.Rtpmap.PCMU)
                    && !c.sameEncoding(io.callisto.sip.sdp.Rtpmap.PCMA)) {
                throw new IllegalArgumentException("unsupported codec " + c.rtpmap().encodingName()
                        + ": only PCMU, PCMA and telephone-event");
            }
        }
        if (rtcpIntervalMillis < 100) {
            throw new IllegalArgumentException("RTCP interval below 100 ms: " + rtcpIntervalMillis);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("media threads must be at least 1");
        }
    }

    /**
     * PCMU, PCMA and telephone-event 101; no SRTP; ports 10000-20000; RTCP every 5 s; one media thread; rtcp-mux
     * offered and accepted; the c= address is {@code bindAddress} (the local host's address when it is the
     * wildcard).
     */
    public static MediaOptions defaults(InetAddress bindAddress) {
        String advertised = bindAddress.isAnyLocalAddress() ? localHost() : bindAddress.getHostAddress();
        return new MediaOptions(bindAddress, advertised, PortRange.DEFAULT, SrtpMode.OFF,
                List.of(Codec.PCMU, Codec.PCMA, Codec.telephoneEvent(TELEPHONE_EVENT)),
                "callisto@" + advertised, 5000, 1, true);
    }

    public MediaOptions withAdvertisedAddress(String address) {
        return new MediaOptions(bindAddress, address, ports, srtp, codecs, cname, rtcpIntervalMillis, threads,
                rtcpMux);
    }

    public MediaOptions withPorts(PortRange range) {
        return new MediaOptions(bindAddress, advertisedAddress, range, srtp, codecs, cname, rtcpIntervalMillis,
                threads, rtcpMux);
    }

    public MediaOptions withSrtp(SrtpMode mode) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, mode, codecs, cname, rtcpIntervalMillis,
                threads, rtcpMux);
    }

    public MediaOptions withCodecs(List<Codec> list) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, srtp, list, cname, rtcpIntervalMillis,
                threads, rtcpMux);
    }

    public MediaOptions withCname(String name) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, srtp, codecs, name, rtcpIntervalMillis,
                threads, rtcpMux);
    }

    public MediaOptions withRtcpInterval(int millis) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, srtp, codecs, cname, millis, threads,
                rtcpMux);
    }

    public MediaOptions withThreads(int n) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, srtp, codecs, cname, rtcpIntervalMillis, n,
                rtcpMux);
    }

    /** Offers and accepts rtcp-mux (RFC 5761), or not: an answer then never takes it, an offer never lists it. */
    public MediaOptions withRtcpMux(boolean mux) {
        return new MediaOptions(bindAddress, advertisedAddress, ports, srtp, codecs, cname, rtcpIntervalMillis,
                threads, mux);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
