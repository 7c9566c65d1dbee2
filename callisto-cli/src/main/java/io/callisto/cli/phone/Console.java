package io.callisto.cli.phone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads commands, one per line, and hands them to the phone: first the lines of a script file, then those of
 * standard input, until {@code quit} or the end of input. The end of input does not stop the phone: a phone started
 * with its input closed keeps answering and placing calls as its flags say.
 */
final class Console implements Runnable {

    private final Phone phone;
    private final List<String> script;
    private final Reader input;

    Console(Phone phone, List<String> script, Reader input) {
        this.phone = phone;
        this.script = script;
        this.input = input;
    }

    @Override
    public void run() {
        for (String line : script) {
            if (!feed(line)) {
                return;
            }
        }
        if (input == null) {
            return;
        }
        try (BufferedReader r = new BufferedReader(input)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!feed(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            // Standard input went away: keep running on the flags alone.
        }
    }

    /** Runs one line; false once the phone is to stop. */
    private boolean feed(String line) {
        if (phone.exit().isDone()) {
            return false;
        }
        phone.execute(CommandParser.parse(line));
        return !phone.exit().isDone();
    }
}
