package io.callisto.cli.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every running bench command shares (client and server). */
final class RunOptions {

    @Option(names = "--transport", defaultValue = "udp", description = "udp, tcp or tls (default ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--calls", defaultValue = "0",
            description = "Calls to start (client) or to complete (server); 0 for no limit.")
    long calls;

    @Option(names = "--run-ms", defaultValue = "0",
            description = "How long to start calls (client) or to answer (server), in ms; 0 for no limit.")
    long runMs;

    @Option(names = "--duration-ms", defaultValue = "0",
            description = "Call length: a <pause/> without milliseconds lasts this long (default ${DEFAULT-VALUE}).")
    long durationMs;

    @Option(names = "--timeout-ms", defaultValue = "32000",
            description = "How long a <recv> waits when it has no timeout attribute; 0 for no limit "
                    + "(default ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--local-ports", defaultValue = "1",
            description = "Spread calls over this many local ports (consecutive from the --bind port, or "
                    + "ephemeral; default ${DEFAULT-VALUE}).")
    int localPorts;

    @Option(names = "--service", defaultValue = "service", description = "Value of [service] (default ${DEFAULT-VALUE}).")
    String service;

    @Option(names = "--inf", paramLabel = "FILE",
            description = "SIPp injection file for [field0]..[fieldN] (SEQUENTIAL/RANDOM/USER, fields split by ;).")
    Path inf;

    @Option(names = "--media-port", defaultValue = "6000", description = "Value of [media_port].")
    int mediaPort;

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

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Certificate for a TLS server scenario.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for a TLS server scenario.")
    Path tlsKey;
}
