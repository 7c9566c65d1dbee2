package io.callisto.cli.bench;

import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.InjectionData;
import io.callisto.bench.scenario.ScenarioException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The built-in client scenarios: {@code call}, {@code register}, {@code options}, {@code message}. */
final class BenchClientCommands {

    private BenchClientCommands() {
    }

    /** Shared body: load the built-in with the placeholders filled, then run it. */
    abstract static class Client implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        LoadOptions load;
        @Mixin
        RunOptions run;
        @Mixin
        ScenarioArgs args;

        abstract String name();

        InjectionData injection() {
            return args.users();
        }

        @Override
        public Integer call() {
            try {
                var scenario = BuiltinScenarios.load(name(), args.params(true));
                return BenchRunner.run(spec, scenario, run, load, null, injection());
            } catch (ScenarioException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code bench call}. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "UAC calls: INVITE, 100/180, 200, ACK, hold --duration-ms, BYE, 200.")
    static final class Call extends Client {
        @Override
        String name() {
            return "call";
        }
    }

    /** {@code bench register}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Registrations of --users (file or pattern), answering a 401 with digest credentials.")
    static final class Register extends Client {
        @Override
        String name() {
            return "register";
        }

        @Override
        InjectionData injection() {
            InjectionData d = args.users();
            return d != null ? d : InjectionData.pattern("bench", args.password);
        }
    }

    /** {@code bench options}. */
    @Command(name = "options", mixinStandardHelpOptions = true, description = "OPTIONS pings answered by 200.")
    static final class Options extends Client {
        @Override
        String name() {
            return "options";
        }
    }

    /** {@code bench message}. */
    @Command(name = "message", mixinStandardHelpOptions = true, description = "MESSAGE requests answered by 200/202.")
    static final class Message extends Client {
        @Override
        String name() {
            return "message";
        }
    }
}
