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

    /** {@code --media-port}: scenarios with SDP (call, uas) and run. */
    static final class MediaPort {
        @Option(names = "--media-port", defaultValue = "6000", description = "Value of [media_port].")
        int mediaPort;

        void applyTo(RunOptions o) {
            o.mediaPort = mediaPort;
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
