package io.callisto.cli.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The console's command language: every command, its defaults, and the messages for bad lines. */
class CommandParserTest {

    @Test
    void readsEveryCommand() {
        assertThat(CommandParser.parse("call sip:bob@example.com")).isEqualTo(new Command.Dial("sip:bob@example.com"));
        assertThat(CommandParser.parse("  CALL 1002 ")).isEqualTo(new Command.Dial("1002"));
        assertThat(CommandParser.parse("answer")).isEqualTo(new Command.Answer(0));
        assertThat(CommandParser.parse("answer 2")).isEqualTo(new Command.Answer(2));
        assertThat(CommandParser.parse("hangup")).isEqualTo(new Command.Hangup(0));
        assertThat(CommandParser.parse("hangup 3")).isEqualTo(new Command.Hangup(3));
        assertThat(CommandParser.parse("hold")).isEqualTo(new Command.Hold(0));
        assertThat(CommandParser.parse("resume 1")).isEqualTo(new Command.Resume(1));
        assertThat(CommandParser.parse("transfer carol")).isEqualTo(new Command.Transfer("carol", 0));
        assertThat(CommandParser.parse("transfer sip:carol@x 2")).isEqualTo(new Command.Transfer("sip:carol@x", 2));
        assertThat(CommandParser.parse("attended 1")).isEqualTo(new Command.Attended(1, 0));
        assertThat(CommandParser.parse("attended 1 2")).isEqualTo(new Command.Attended(1, 2));
        assertThat(CommandParser.parse("dtmf 12*#a")).isEqualTo(new Command.Dtmf("12*#A", 0));
        assertThat(CommandParser.parse("dtmf 5 2")).isEqualTo(new Command.Dtmf("5", 2));
        assertThat(CommandParser.parse("msg bob  hello   there ")).isEqualTo(new Command.Msg("bob", "hello   there"));
        assertThat(CommandParser.parse("sleep 250")).isEqualTo(new Command.Sleep(250));
        assertThat(CommandParser.parse("calls")).isEqualTo(new Command.Calls());
        assertThat(CommandParser.parse("history")).isEqualTo(new Command.History());
        assertThat(CommandParser.parse("status")).isEqualTo(new Command.Status());
        assertThat(CommandParser.parse("stats 1")).isEqualTo(new Command.Stats(1));
        assertThat(CommandParser.parse("help")).isEqualTo(new Command.Help());
        assertThat(CommandParser.parse("quit")).isEqualTo(new Command.Quit());
        assertThat(CommandParser.parse("")).isEqualTo(new Command.Nothing());
        assertThat(CommandParser.parse("   # a comment")).isEqualTo(new Command.Nothing());
    }

    @Test
    void rejectTellsStatusFromCallNumber() {
        assertThat(CommandParser.parse("reject")).isEqualTo(new Command.Reject(486, 0));
        assertThat(CommandParser.parse("reject 603")).isEqualTo(new Command.Reject(603, 0));
        assertThat(CommandParser.parse("reject 2")).isEqualTo(new Command.Reject(486, 2));
        assertThat(CommandParser.parse("reject 603 2")).isEqualTo(new Command.Reject(603, 2));
        assertThat(CommandParser.parse("reject 2 603")).isEqualTo(new Command.Reject(603, 2));
        assertThat(invalid("reject 700")).contains("neither a status");
        assertThat(invalid("reject busy")).contains("'busy' is not a number");
    }

    @Test
    void badLinesSayWhatIsWrong() {
        assertThat(invalid("dial")).isEqualTo("usage: call <uri|number>");
        assertThat(invalid("frobnicate")).isEqualTo("unknown command 'frobnicate' (try: help)");
        assertThat(invalid("hangup 0")).contains("call numbers start at 1");
        assertThat(invalid("hangup one")).contains("'one' is not a number");
        assertThat(invalid("hold 1 2")).contains("too many arguments");
        assertThat(invalid("dtmf 12x")).contains("'x' is not a DTMF digit");
        assertThat(invalid("dtmf")).isEqualTo("usage: dtmf <digits> [n]");
        assertThat(invalid("msg bob")).isEqualTo("usage: msg <uri|number> <text>");
        assertThat(invalid("attended 2 2")).contains("must differ");
        assertThat(invalid("attended")).isEqualTo("usage: attended <n> [m]");
        assertThat(invalid("sleep -5")).contains("must not be negative");
        assertThat(invalid("quit now")).isEqualTo("quit takes no arguments");
        assertThat(invalid("transfer")).isEqualTo("usage: transfer <uri|number> [n]");
        assertThat(invalid("call 99999999999999999999")).isNull(); // a long number is a fine user part
    }

    private static String invalid(String line) {
        Command c = CommandParser.parse(line);
        return c instanceof Command.Invalid i ? i.reason() : null;
    }
}
