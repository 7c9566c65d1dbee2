package io.callisto.cli.bench;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the client built-ins: where the load goes and how much of it. */
final class LoadOptions {

    @Option(names = "--target", paramLabel = "HOST:PORT", required = true,
            description = "Where to send the calls, e.g. 127.0.0.1:5060.")
    String target;

    @Option(names = "--bind", paramLabel = "HOST[:PORT]",
            description = "Local address (default: the address that reaches the target, ephemeral ports).")
    String bind;

    @Mixin
    PaceOptions pace = new PaceOptions();
}
