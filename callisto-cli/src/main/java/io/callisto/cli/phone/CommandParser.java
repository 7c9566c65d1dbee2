package io.callisto.cli.phone;

import java.util.List;
import java.util.Locale;

/**
 * Reads one console line into a {@link Command}: the first word names the command (case-insensitive), the rest
 * are its arguments. Never throws: a bad line becomes {@link Command.Invalid} with a reason for the user.
 */
final class CommandParser {

    /** The help text: one line per command. */
    static final List<String> HELP = List.of(
            "call <uri|number>          place a call (a number is dialled as sip:NUMBER@<account domain>)",
            "answer [n]                 answer an incoming call",
            "reject [486|603|code] [n]  reject an incoming call (default 486 Busy Here)",
            "hangup [n]                 cancel or end a call",
            "hold [n] / resume [n]      put a call on hold (re-INVITE sendonly) and take it back",
            "transfer <uri|number> [n]  blind transfer (REFER); the NOTIFY progress is printed",
            "attended <n> [m]           attended transfer: connect the peer of call n to the peer of call m",
            "dtmf <digits> [n]          send DTMF (0-9 * # A-D)",
            "msg <uri|number> <text>    send a MESSAGE",
            "calls | history | status   list current calls, every call of this run, the status line",
            "stats [n]                  RTP statistics of a call",
            "sleep <ms>                 wait (for scripts)",
            "help | quit");

    private CommandParser() {
    }

    static Command parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return new Command.Nothing();
        }
        String[] words = s.split("\\s+");
        String verb = words[0].toLowerCase(Locale.ROOT);
        try {
            return switch (verb) {
                case "call", "dial" -> words.length == 2 ? new Command.Dial(words[1]) : usage("call <uri|number>");
                case "answer" -> new Command.Answer(optionalCall(words, 1));
                case "reject" -> reject(words);
                case "hangup", "bye" -> new Command.Hangup(optionalCall(words, 1));
                case "hold" -> new Command.Hold(optionalCall(words, 1));
                case "resume", "unhold" -> new Command.Resume(optionalCall(words, 1));
                case "transfer" -> words.length == 2 || words.length == 3
                        ? new Command.Transfer(words[1], optionalCall(words, 2))
                        : usage("transfer <uri|number> [n]");
                case "attended" -> attended(words);
                case "dtmf" -> dtmf(words);
                case "msg", "message" -> msg(s, words);
                case "sleep" -> words.length == 2 ? new Command.Sleep(millis(words[1])) : usage("sleep <ms>");
                case "calls" -> noArgs(words, new Command.Calls());
                case "history" -> noArgs(words, new Command.History());
                case "status" -> noArgs(words, new Command.Status());
                case "stats" -> new Command.Stats(optionalCall(words, 1));
                case "help", "?" -> new Command.Help();
                case "quit", "exit" -> noArgs(words, new Command.Quit());
                default -> new Command.Invalid("unknown command '" + words[0] + "' (try: help)");
            };
        } catch (IllegalArgumentException e) {
            return new Command.Invalid(e.getMessage());
        }
    }

    private static Command reject(String[] words) {
        if (words.length > 3) {
            return usage("reject [486|603|code] [n]");
        }
        int status = 486;
        int n = 0;
        for (int i = 1; i < words.length; i++) {
            int v = number(words[i], "reject's arguments");
            // A status is 300-699; anything smaller is a call number.
            if (v >= 300 && v <= 699) {
                status = v;
            } else if (v >= 1 && v < 300 && n == 0) {
                n = v;
            } else {
                throw new IllegalArgumentException("reject: " + v + " is neither a status (300-699) nor a call number");
            }
        }
        return new Command.Reject(status, n);
    }

    private static Command attended(String[] words) {
        if (words.length < 2 || words.length > 3) {
            return usage("attended <n> [m]");
        }
        int n = callNumber(words[1]);
        int m = words.length == 3 ? callNumber(words[2]) : 0;
        if (n == m) {
            throw new IllegalArgumentException("attended: the two calls must differ");
        }
        return new Command.Attended(n, m);
    }

    private static Command dtmf(String[] words) {
        if (words.length < 2 || words.length > 3) {
            return usage("dtmf <digits> [n]");
        }
        String digits = words[1].toUpperCase(Locale.ROOT);
        for (int i = 0; i < digits.length(); i++) {
            if ("0123456789*#ABCD".indexOf(digits.charAt(i)) < 0) {
                throw new IllegalArgumentException("dtmf: '" + words[1].charAt(i) + "' is not a DTMF digit "
                        + "(0-9 * # A-D)");
            }
        }
        return new Command.Dtmf(digits, optionalCall(words, 2));
    }

    private static Command msg(String line, String[] words) {
        if (words.length < 3) {
            return usage("msg <uri|number> <text>");
        }
        // The text is the rest of the line as typed, inner spaces kept.
        String afterVerb = line.substring(words[0].length()).strip();
        String text = afterVerb.substring(words[1].length()).strip();
        return new Command.Msg(words[1], text);
    }

    private static Command noArgs(String[] words, Command c) {
        return words.length == 1 ? c : new Command.Invalid(words[0] + " takes no arguments");
    }

    private static int optionalCall(String[] words, int index) {
        if (words.length > index + 1) {
            throw new IllegalArgumentException(words[0] + ": too many arguments (try: help)");
        }
        return words.length > index ? callNumber(words[index]) : 0;
    }

    private static int callNumber(String word) {
        int n = number(word, "a call number");
        if (n < 1) {
            throw new IllegalArgumentException("call numbers start at 1, not " + word);
        }
        return n;
    }

    private static long millis(String word) {
        int ms = number(word, "sleep's milliseconds");
        if (ms < 0) {
            throw new IllegalArgumentException("sleep: the time must not be negative");
        }
        return ms;
    }

    private static int number(String word, String what) {
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + word + "' is not a number (" + what + ")");
        }
    }

    private static Command usage(String form) {
        return new Command.Invalid("usage: " + form);
    }
}
