package io.callisto.bench.engine;

import io.callisto.media.rtp.PortRange;
import java.util.Objects;

/**
 * RTP streaming of a run ({@code --rtp}): every call opens one G.711 (PCMU, 20 ms) RTP session with RTCP, whose
 * port goes into the call's SDP as {@code [media_port]}, streams for as long as the call is established and reports
 * jitter, loss and round-trip time. All sessions of a run share one media clock.
 *
 * @param ports          local RTP/RTCP ports (an even RTP port and the next one per call)
 * @param srtp           SRTP (RFC 3711, AES_CM_128_HMAC_SHA1_80) keyed by SDES (RFC 4568): {@code RTP/SAVP} with
 *                       {@code a=crypto} in the SDP
 * @param rtcpIntervalMs mean RTCP report interval (RFC 3550 §6.2: 5000 ms; smaller only for tests)
 * @param ioThreads      event loops that read and write the media sockets (one of them also runs the clock)
 * @param sharedSocket   one RTP/RTCP port pair for every call instead of a pair per call: the sends of a clock slot
 *                       leave in one {@code sendmmsg} and arrivals are read many at a time, so the load side needs
 *                       far fewer system calls ({@link io.callisto.media.rtp.SharedRtpSocket}); all of it on the
 *                       clock's thread, so {@code ioThreads} must be 1
 */
public record RtpOptions(PortRange ports, boolean srtp, int rtcpIntervalMs, int ioThreads, boolean sharedSocket) {

    public RtpOptions {
        Objects.requireNonNull(ports, "ports");
        if (rtcpIntervalMs < 100) {
            throw new IllegalArgumentException("RTCP interval below 100 ms: " + rtcpIntervalMs);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("media I/O threads must be at least 1");
        }
        if (sharedSocket && ioThreads != 1) {
            throw new IllegalArgumentException("a shared RTP socket runs on the media clock's one thread: "
                    + "use one media I/O thread");
        }
    }

    /** Plain RTP on ports 10000-20000, 5 s RTCP, one media I/O thread, a port pair per call. */
    public static RtpOptions defaults() {
        return new RtpOptions(PortRange.DEFAULT, false, 5000, 1, false);
    }
}
