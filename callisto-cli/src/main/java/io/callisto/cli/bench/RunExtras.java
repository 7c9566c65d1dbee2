package io.callisto.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The running options only some bench commands take; each copies its value into {@link RunOptions}. */
final class RunExtras {

    private RunExtras() {
    }

    /** {@code --duration-ms}: call, uas, run. */
    static final class CallLength {
        @Option(names = "--duration-ms", defaultValue = "0",
                description = "Call length: a <pause/> without milliseconds lasts this long (default "
                        + "${DEFAULT-VALUE}).")
        long durationMs;

        void applyTo(RunOptions o) {
            o.durationMs = durationMs;
        }
    }

    /** {@code --service}: the client built-ins with a default Request-URI, and run. */
    static final class Service {
        @Option(names = "--service", defaultValue = "service",
                description = "Value of [service] (default ${DEFAULT-VALUE}).")
        String service;

        void applyTo(RunOptions o) {
            o.service = service;
        }
    }

    /**
     * {@code --media-port} and the RTP options {@code --rtp}, {@code --rtp-ports}, {@code --srtp},
     * {@code --rtcp-ms}: scenarios with SDP (call, uas) and run.
     */
    static final class MediaPort {
        @Option(names = "--media-port", defaultValue = "6000",
                description = "Value of [media_port] (without --rtp).")
        int mediaPort;

        @Option(names = "--rtp", description = "Stream G.711 (PCMU, 20 ms) RTP with RTCP for the length of each "
                + "call; [media_port] becomes the call's own RTP port. Reports jitter, loss and round-trip time.")
        boolean rtp;

        @Option(names = "--rtp-ports", paramLabel = "A-B", defaultValue = "10000-20000",
                description = "Local RTP/RTCP port range with --rtp (default ${DEFAULT-VALUE}).")
        String rtpPorts;

        @Option(names = "--srtp", description = "With --rtp: SRTP (AES_CM_128_HMAC_SHA1_80) keyed by SDES: RTP/SAVP "
                + "and a=crypto:[media_crypto] in the built-ins' SDP.")
        boolean srtp;

        @Option(names = "--rtcp-ms", defaultValue = "5000",
                description = "With --rtp: mean RTCP report interval in ms (default ${DEFAULT-VALUE}).")
        int rtcpMs;

        @Option(names = "--rtp-threads", defaultValue = "1",
                description = "With --rtp: event loops for the RTP sockets; the first also runs the one media clock "
                        + "(default ${DEFAULT-VALUE}).")
        int rtpThreads;

        @Option(names = "--rtp-socket", paramLabel = "per-call|shared", defaultValue = "per-call",
                description = "With --rtp: a local RTP/RTCP port pair per call, or one pair for all calls, told "
                        + "apart by the peer's address (or, for a reflector, by our SSRC), with batched sends and "
                        + "reads: far fewer system calls on the load side (default ${DEFAULT-VALUE}).")
        String rtpSocket;

        void applyTo(RunOptions o) {
            o.rtpThreads = rtpThreads;
            o.rtpSocket = rtpSocket;
            o.mediaPort = mediaPort;
            o.rtp = rtp;
            o.rtpPorts = rtpPorts;
            o.srtp = srtp;
            o.rtcpMs = rtcpMs;
        }

        /** Sets the SRTP placeholders of a built-in's SDP when {@code --srtp} is given. */
        void put(java.util.Map<String, String> params) {
            if (srtp) {
                io.callisto.bench.scenario.BuiltinScenarios.srtp(params);
            }
        }
    }

    /** {@code --tls-cert}, {@code --tls-key}: server scenarios (uas, run). */
    static final class TlsServer {
        @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate for a TLS server scenario.")
        Path tlsCert;

        @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for a TLS server scenario.")
        Path tlsKey;

        void applyTo(RunOptions o) {
            o.tlsCert = tlsCert;
            o.tlsKey = tlsKey;
        }
    }

    /** {@code --inf}: scenario files (run). */
    static final class Inf {
        @Option(names = "--inf", paramLabel = "FILE",
                description = "SIPp injection file for [field0]..[fieldN] (SEQUENTIAL/RANDOM/USER, fields split by ;).")
        Path inf;

        void applyTo(RunOptions o) {
            o.inf = inf;
        }
    }
}
