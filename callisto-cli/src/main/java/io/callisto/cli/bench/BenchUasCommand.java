package io.callisto.cli.bench;

import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.ScenarioException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench uas}: answers calls until --calls completed, --run-ms, or SIGINT/SIGTERM. */
@Command(name = "uas", mixinStandardHelpOptions = true,
        description = {"Answer calls: 180, ring --ring-ms, 200 (or a rejection from --answer-mix), ACK, then wait for "
                + "the caller's BYE, or with --duration-ms hang up after that long (BYE, 200).",
            "Runs until --calls calls completed, --run-ms passed, or SIGINT/SIGTERM; then prints the summary."})
final class BenchUasCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RunOptions run;
    @Mixin
    Placeholders.Answering answering;
    @Mixin
    RunExtras.CallLength length;
    @Mixin
    RunExtras.MediaPort media;
    @Mixin
    RunExtras.TlsServer tls;

    @Option(names = "--bind", paramLabel = "HOST[:PORT]", defaultValue = "127.0.0.1:5060",
            description = "Where to listen (default ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() {
        try {
            length.applyTo(run);
            media.applyTo(run);
            tls.applyTo(run);
            Map<String, String> params = new LinkedHashMap<>();
            answering.put(params);
            media.put(params);
            params.put("hangup", Boolean.toString(run.durationMs > 0));
            var scenario = BuiltinScenarios.load("uas", params);
            return BenchRunner.run(spec, scenario, run, null, bind, null);
        } catch (ScenarioException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
