package io.callisto.cli.bench;

import io.callisto.bench.scenario.BuiltinScenarios;
import io.callisto.bench.scenario.InjectionData;
import io.callisto.bench.scenario.ScenarioException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The built-in client scenarios: {@code call}, {@code register}, {@code options}, {@code message}. Each takes the
 * load and run options, and only the placeholder and run options its scenario uses.
 */
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

        abstract String name();

        /** Puts this command's placeholder values into {@code p}. */
        abstract void put(Map<String, String> p);

        /** The injection rows, or null. */
        abstract InjectionData injection();

        /** Copies this command's own run options into {@link #run}. */
        void extras() {
        }

        @Override
        public Integer call() {
            try {
                Map<String, String> p = new LinkedHashMap<>();
                put(p);
                extras();
                var scenario = BuiltinScenarios.load(name(), p);
                return BenchRunner.run(spec, scenario, run, load, null, injection());
            } catch (ScenarioException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    /** Client scenarios addressed to a Request-URI (--to, --from-user, --users, --service). */
    abstract static class Addressed extends Client {
        @Mixin
        Placeholders.Addressing addressing;
        @Mixin
        Placeholders.Users users;
        @Mixin
        RunExtras.Service service;

        @Override
        void put(Map<String, String> p) {
            addressing.put(p, users);
        }

        @Override
        InjectionData injection() {
            return users.rows("");
        }

        @Override
        void extras() {
            service.applyTo(run);
        }
    }

    /** {@code bench call}. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "UAC calls: INVITE, 100/180, 200, ACK, hold --duration-ms, BYE, 200.")
    static final class Call extends Addressed {
        @Mixin
        RunExtras.CallLength length;
        @Mixin
        RunExtras.MediaPort media;

        @Override
        String name() {
            return "call";
        }

        @Override
        void put(Map<String, String> p) {
            super.put(p);
            media.put(p);
        }

        @Override
        void extras() {
            super.extras();
            length.applyTo(run);
            media.applyTo(run);
        }
    }

    /** {@code bench register}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Registrations of --users (file or pattern), answering a 401 with digest credentials.")
    static final class Register extends Client {
        @Mixin
        Placeholders.Users users;
        @Mixin
        Placeholders.Registration registration;

        @Override
        String name() {
            return "register";
        }

        @Override
        void put(Map<String, String> p) {
            registration.put(p);
        }

        @Override
        InjectionData injection() {
            InjectionData d = users.rows(registration.password);
            return d != null ? d : InjectionData.pattern("bench", registration.password);
        }
    }

    /** {@code bench options}. */
    @Command(name = "options", mixinStandardHelpOptions = true,
            description = "OPTIONS pings answered by 200.")
    static final class Options extends Addressed {
        @Override
        String name() {
            return "options";
        }
    }

    /** {@code bench message}. */
    @Command(name = "message", mixinStandardHelpOptions = true,
            description = "MESSAGE requests answered by 200/202.")
    static final class Message extends Addressed {
        @Mixin
        Placeholders.Text text;

        @Override
        String name() {
            return "message";
        }

        @Override
        void put(Map<String, String> p) {
            super.put(p);
            text.put(p);
        }
    }
}
