package io.callisto.cli.bench;

import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.ScenarioException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code bench dump NAME}: prints a built-in scenario as a SIPp XML file, to edit and run with {@code bench run}. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print a built-in scenario (call, uas, register, options, message) in SIPp's XML format.")
final class BenchDumpCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "call, uas, register, options or message.")
    String name;
    @Mixin
    Placeholders.Addressing addressing;
    @Mixin
    Placeholders.Users users;
    @Mixin
    Placeholders.Registration registration;
    @Mixin
    Placeholders.Text text;
    @Mixin
    Placeholders.Answering answering;

    @picocli.CommandLine.Option(names = "--duration-ms", defaultValue = "0",
            description = "uas: dump the variant that hangs up after the call length.")
    long durationMs;

    @Override
    public Integer call() {
        try {
            Map<String, String> params = new LinkedHashMap<>();
            addressing.put(params, users);
            registration.put(params);
            text.put(params);
            answering.put(params);
            params.put("hangup", Boolean.toString(durationMs > 0));
            String xml = BuiltinScenarios.xml(name, params);
            BuiltinScenarios.load(name, params);
            System.out.print(xml);
            return 0;
        } catch (ScenarioException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
