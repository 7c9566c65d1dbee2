package io.callisto.cli.bench;

import io.callisto.bench.scenario.ScenarioException;
import io.callisto.bench.scenario.ScenarioParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench run --scenario FILE.xml}: a SIPp XML scenario file, client or server. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a scenario file in SIPp's XML format (the supported subset is in docs/load-testing.md).",
            "A scenario that sends first is a client (give --target); one that waits for a request first is a "
                    + "server (give --bind)."})
final class BenchRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    RunOptions run;
    @Mixin
    PaceOptions pace;
    @Mixin
    RunExtras.CallLength length;
    @Mixin
    RunExtras.Service service;
    @Mixin
    RunExtras.MediaPort media;
    @Mixin
    RunExtras.Inf inf;
    @Mixin
    RunExtras.TlsServer tls;

    @Option(names = "--scenario", paramLabel = "FILE.xml", required = true, description = "The scenario file.")
    Path scenario;

    @Option(names = "--target", paramLabel = "HOST:PORT", description = "Client scenarios: where calls go.")
    String target;

    @Option(names = "--bind", paramLabel = "HOST[:PORT]",
            description = "Local address (server scenarios: where to listen, default 127.0.0.1:5060).")
    String bind;

    @Override
    public Integer call() {
        try {
            byte[] xml;
            try {
                xml = Files.readAllBytes(scenario);
            } catch (IOException e) {
                System.err.println("error: cannot read " + scenario + ": " + e.getMessage());
                return 2;
            }
            length.applyTo(run);
            service.applyTo(run);
            media.applyTo(run);
            inf.applyTo(run);
            tls.applyTo(run);
            String name = scenario.getFileName().toString().replaceFirst("\\.xml$", "");
            var s = ScenarioParser.parse(xml, name);
            LoadOptions load = null;
            if (!s.isServer()) {
                BenchRunner.check(spec, target != null, "scenario " + name + " sends first: give --target");
                load = new LoadOptions();
                load.target = target;
                load.bind = bind;
                load.pace = pace;
            } else {
                BenchRunner.check(spec, target == null, "scenario " + name
                        + " waits for a request first (a server scenario): use --bind, not --target");
            }
            return BenchRunner.run(spec, s, run, load, s.isServer() ? bind : null, null);
        } catch (ScenarioException e) {
            System.err.println("error: " + scenario + ": " + e.getMessage());
            return 2;
        }
    }
}
