package io.callisto.sip.message;

import java.util.List;

/**
 * The outcome of {@link MessageValidator#validate(SipMessage)}.
 *
 * @param valid  true when an RFC 3261 element would accept the message for processing
 * @param error  why it would not (a phrase fit for a 400 reason phrase), or null when valid
 * @param header the header the error was found in, or null
 * @param status the response a UAS would send for an invalid request (400, 505...), or 0
 * @param notes  facts about a valid message that change how elements treat it (e.g. "a UAS answers 416 ...")
 */
public record Verdict(boolean valid, String error, String header, int status, List<String> notes) {
    static Verdict ok(List<String> notes) {
        return new Verdict(true, null, null, 0, List.copyOf(notes));
    }

    static Verdict invalid(String error, String header, int status) {
        return new Verdict(false, error, header, status, List.of());
    }
}
