package io.callisto.cli.bench;

import picocli.CommandLine.Option;

/** Options of client scenarios: where the load goes and how much of it. */
final class LoadOptions {

    @Option(names = "--target", paramLabel = "HOST:PORT", required = true,
            description = "Where to send the calls, e.g. 127.0.0.1:5060.")
    String target;

    @Option(names = "--bind", paramLabel = "HOST[:PORT]",
            description = "Local address (default: the address that reaches the target, ephemeral ports).")
    String bind;

    @Option(names = "--rate", defaultValue = "10", description = "Calls per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--ramp-ms", defaultValue = "0", description = "Linear ramp from 0 to --rate, in ms.")
    long rampMs;

    @Option(names = "--max-concurrent", defaultValue = "0",
            description = "At most this many calls in progress; 0 for no limit.")
    int maxConcurrent;
}
