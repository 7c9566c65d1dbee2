package io.callisto.cli.phone;

/**
 * One console command of {@code callisto phone}, as {@link CommandParser} reads it from a line. A call number
 * ({@code n}) of 0 means "the current call": the one most recently placed, answered or resumed that is still up.
 */
sealed interface Command {

    /** {@code call <uri|number>}: place a call. */
    record Dial(String target) implements Command {}

    /** {@code answer [n]}: answer a ringing incoming call. */
    record Answer(int n) implements Command {}

    /** {@code reject [486|603|code] [n]}: reject an incoming call. */
    record Reject(int status, int n) implements Command {}

    /** {@code hangup [n]}: CANCEL or BYE. */
    record Hangup(int n) implements Command {}

    /** {@code hold [n]}: re-INVITE with our stream sendonly (or inactive). */
    record Hold(int n) implements Command {}

    /** {@code resume [n]}: re-INVITE with our stream sendrecv again. */
    record Resume(int n) implements Command {}

    /** {@code transfer <uri|number> [n]}: blind transfer (REFER, RFC 3515). */
    record Transfer(String target, int n) implements Command {}

    /** {@code attended <n> [m]}: transfer the peer of call n to the peer of call m, replacing m (RFC 3891). */
    record Attended(int n, int m) implements Command {}

    /** {@code dtmf <digits> [n]}: send DTMF digits (0-9, *, #, A-D). */
    record Dtmf(String digits, int n) implements Command {}

    /** {@code msg <uri|number> <text>}: send a MESSAGE (RFC 3428). */
    record Msg(String target, String text) implements Command {}

    /** {@code sleep <ms>}: pause the command stream (for scripts). */
    record Sleep(long millis) implements Command {}

    /** {@code calls}: list the current calls. */
    record Calls() implements Command {}

    /** {@code history}: list every call of this run. */
    record History() implements Command {}

    /** {@code status}: print the status line. */
    record Status() implements Command {}

    /** {@code stats [n]}: the call's RTP statistics. */
    record Stats(int n) implements Command {}

    /** {@code help}: list the commands. */
    record Help() implements Command {}

    /** {@code quit}: hang up every call, unregister, exit. */
    record Quit() implements Command {}

    /** An empty line or a {@code #} comment: nothing to do. */
    record Nothing() implements Command {}

    /** A line that is not a command, with the reason. */
    record Invalid(String reason) implements Command {}
}
