package io.callisto.cli.bench;

import picocli.CommandLine.Option;

/** How much load a client scenario offers: rate, ramp, concurrency cap, and the unmeasured warm-up before it. */
final class PaceOptions {

    @Option(names = "--rate", defaultValue = "10", description = "Calls per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--ramp-ms", defaultValue = "0", description = "Linear ramp from 0 to --rate, in ms.")
    long rampMs;

    @Option(names = "--max-concurrent", defaultValue = "0",
            description = "At most this many calls in progress; 0 for no limit.")
    int maxConcurrent;

    @Option(names = "--warmup-ms", defaultValue = "2000",
            description = "Before the first measured call, run the scenario this long (UDP) against an in-process "
                    + "responder, unmeasured and sending nothing to the target, so that the JIT has compiled the "
                    + "call path; 0 for none (default ${DEFAULT-VALUE}).")
    long warmupMs;
}
