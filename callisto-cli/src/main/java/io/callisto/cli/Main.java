package io.callisto.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/callisto}: the one launcher; each command is a picocli subcommand. */
@Command(name = "callisto", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Callisto SIP platform.",
        subcommands = {ServerCommand.class, UaCommand.class, io.callisto.cli.phone.PhoneCommand.class, UserCommand.class, LintCommand.class,
            TlsCertCommand.class, io.callisto.cli.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        quietLeakDetector();
        System.exit(run(args));
    }

    /**
     * Netty's buffer leak detector samples one buffer in 128 and records a stack trace for it: a cost on every
     * datagram path that a production process does not want. Off unless the user set
     * {@code -Dio.netty.leakDetection.level} (tests keep Netty's default).
     */
    static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Runs the command line and returns the exit code (0 ok, 1 command-specific failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> 2);
        return cl.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: callisto help)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"callisto " + (v == null ? "dev" : v)};
        }
    }
}
