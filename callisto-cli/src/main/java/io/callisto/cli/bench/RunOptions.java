package io.callisto.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every running bench command takes (client and server), and the values of the options only some take
 * (plain fields, with their defaults): each command copies those from its own mixins of {@link RunExtras}.
 */
final class RunOptions {

    @Option(names = "--transport", defaultValue = "udp", description = "udp, tcp or tls (default ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--calls", defaultValue = "0",
            description = "Calls to start (client) or to complete (server); 0 for no limit.")
    long calls;

    @Option(names = "--run-ms", defaultValue = "0",
            description = "How long to start calls (client) or to answer (server), in ms; 0 for no limit.")
    long runMs;

    @Option(names = "--timeout-ms", defaultValue = "32000",
            description = "How long a <recv> waits when it has no timeout attribute; 0 for no limit "
                    + "(default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--local-ports", defaultValue = "1",
            description = "Spread calls over this many local ports (consecutive from the --bind port, or "
                    + "ephemeral; default ${DEFAULT-VALUE}).")
    int localPorts;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Write the HTML report with plots.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the timeline as CSV (one row per interval).")
    Path csv;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Status and timeline interval.")
    long intervalMs;

    @Option(names = "--io-threads", defaultValue = "0",
            description = "I/O threads the calls run on (default: one per CPU).")
    int ioThreads;

    @Option(names = "--quiet", description = "No live status lines.")
    boolean quiet;

    /** Call length (--duration-ms of call, uas, run). */
    long durationMs;
    /** Value of [service] (--service of call, options, message, run). */
    String service = "service";
    /** Value of [media_port] (--media-port of call, uas, run). */
    int mediaPort = 6000;
    /** RTP streaming (--rtp, --rtp-ports, --srtp, --rtcp-ms of call, uas, run). */
    boolean rtp;
    String rtpPorts = "10000-20000";
    boolean srtp;
    int rtcpMs = 5000;
    int rtpThreads = 1;
    String rtpSocket = "per-call";
    /** Injection file (--inf of run). */
    Path inf;
    /** Certificate and key of a TLS server scenario (uas, run). */
    Path tlsCert;
    Path tlsKey;
}
