package io.callisto.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/callisto bench}: the SIPp-class load tester (docs/load-testing.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load testing: built-in scenarios or SIPp XML scenario files.",
            "Exit status: 0 when no call failed, 1 when some did, 2 on a usage or scenario error."},
        subcommands = {BenchClientCommands.Call.class, BenchUasCommand.class, BenchClientCommands.Register.class,
            BenchClientCommands.Options.class, BenchClientCommands.Message.class, BenchRunCommand.class,
            BenchDumpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a scenario is required: call, uas, register, options, message, run or dump");
    }
}
