package io.callisto.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads SIPp's message log ({@code -trace_msg}): entries separated by a line of dashes and a time stamp, each
 * headed "UDP message received [N] bytes :" or "UDP message sent (N bytes):", then an empty line and the message.
 */
final class SippLog {

    private static final String SEPARATOR = "-----------------------------------------------";

    private SippLog() {
    }

    /**
     * The received ({@code received} true) or sent messages of {@code log} whose first line starts with
     * {@code startLine}, in order, each as text with LF line ends.
     */
    static List<String> messages(String log, boolean received, String startLine) {
        List<String> found = new ArrayList<>();
        for (String entry : log.replace("\r\n", "\n").split("\n" + SEPARATOR)) {
            String e = entry.startsWith(SEPARATOR) ? entry.substring(SEPARATOR.length()) : entry;
            int head = e.indexOf('\n');
            if (head < 0) {
                continue;
            }
            int titleEnd = e.indexOf('\n', head + 1);
            if (titleEnd < 0) {
                continue;
            }
            String title = e.substring(head + 1, titleEnd);
            boolean isReceived = title.contains("message received");
            boolean isSent = title.contains("message sent");
            if (received ? !isReceived : !isSent) {
                continue;
            }
            String message = e.substring(titleEnd + 1).stripLeading();
            if (message.startsWith(startLine)) {
                found.add(message.strip());
            }
        }
        return found;
    }

    /** The values of header {@code name} (case-insensitive, full name only) in one logged message. */
    static List<String> headers(String message, String name) {
        List<String> values = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (line.isEmpty()) {
                break; // end of the header section
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                values.add(line.substring(colon + 1).trim());
            }
        }
        return values;
    }
}
